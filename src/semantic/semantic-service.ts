import type { Logger } from '../log';
import type { EmbeddingResult, Metrics } from '../metrics';
import { createCircuitBreaker, type BreakerState, type CircuitBreakerOptions } from './circuit-breaker';
import type { Embedder } from './embedder';
import { EmbeddingsError } from './embeddings-response';
import { PASSAGE_TIMEOUT_MS } from './entry-vectors';

/**
 * The semantic stage's door to the embeddings service: an {@link Embedder} behind a circuit breaker, with
 * metrics and one log line per change of state (never one per request). A query never waits past its
 * timeout or the caller's signal, and never fails the skill call: without a vector it is matched lexically.
 */
export interface SemanticService {
  /** The embeddings model, e.g. "multilingual-e5-small" (key of cached entry vectors). */
  readonly model: string;
  /**
   * The unit vector of one query, sent as given (add `E5_QUERY_PREFIX` for e5 models), or undefined when the
   * service cannot give one now: breaker open, error, timeout, garbage, or `signal` aborted. Never rejects.
   */
  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array | undefined>;
  /**
   * Unit vectors of entry texts, in order, sent as given (add `E5_PASSAGE_PREFIX` for e5 models), in one
   * guarded call within `timeoutMs` (default {@link PASSAGE_TIMEOUT_MS}); the caller batches (entry-vectors.ts
   * sends `PASSAGE_BATCH` texts a call). Rejects (an EmbeddingsError) when the service fails or the
   * breaker is open, so the caller keeps entries without vectors and tries later.
   */
  embedPassages(texts: readonly string[], options?: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined }): Promise<Float32Array[]>;
  /** `ok`, or `degraded` while the breaker is open or probing (queries are answered lexically). */
  state(): 'ok' | 'degraded';
  /** Stops whatever the service owns (the local model server, when it started one). */
  close(): Promise<void>;
}

export interface SemanticServiceOptions {
  embedder: Embedder;
  /** For queries (EMBEDDINGS_TIMEOUT_MS). */
  queryTimeoutMs: number;
  log: Logger;
  metrics?: Metrics | undefined;
  breaker?: Omit<CircuitBreakerOptions, 'onStateChange'>;
  /** Runs on close(), e.g. stopping the local model server. */
  onClose?: () => Promise<void>;
}

export function createSemanticService(options: SemanticServiceOptions): SemanticService {
  const { embedder, log, metrics } = options;
  let lastProblem: string | undefined;
  const breaker = createCircuitBreaker({
    ...options.breaker,
    onStateChange(state: BreakerState, previous: BreakerState) {
      metrics?.setSemanticState(state === 'closed' ? 'ok' : 'degraded');
      if (state === 'open' && previous === 'closed') {
        log.warn({ model: embedder.model, problem: lastProblem }, 'embeddings service failing; matching lexically until it answers again');
      } else if (state === 'closed') {
        log.info({ model: embedder.model }, 'embeddings service answering again; semantic matching back on');
      }
    },
  });
  metrics?.setSemanticState('ok');

  /** One guarded request: the breaker first, then the call, its outcome counted and reported to the breaker. */
  const guarded = async (kind: 'query' | 'passages', texts: readonly string[], signal: AbortSignal | undefined, timeoutMs: number) => {
    if (!breaker.allow()) {
      metrics?.recordEmbedding({ kind, result: 'rejected_open' });
      throw new EmbeddingsError('unavailable', 'the embeddings service is failing (circuit open)');
    }
    const started = process.hrtime.bigint();
    const observe = (result: EmbeddingResult) =>
      metrics?.recordEmbedding({ kind, result, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    try {
      const vectors = await embedder.embed(texts, { signal, timeoutMs });
      observe('ok');
      breaker.succeeded();
      return vectors;
    } catch (error) {
      const reason = error instanceof EmbeddingsError ? error.reason : 'invalid';
      if (reason === 'aborted') {
        observe('aborted');
        breaker.released();
      } else {
        observe(reason === 'timeout' ? 'timeout' : 'error');
        lastProblem = (error as Error).message;
        breaker.failed(reason === 'timeout' ? 'timeout' : 'error');
      }
      throw error;
    }
  };

  return {
    model: embedder.model,
    async embedQuery(text, signal) {
      try {
        return (await guarded('query', [text], signal, options.queryTimeoutMs))[0];
      } catch {
        return undefined;
      }
    },
    embedPassages: (texts, { signal, timeoutMs } = {}) => guarded('passages', texts, signal, timeoutMs ?? PASSAGE_TIMEOUT_MS),
    state: () => (breaker.state() === 'closed' ? 'ok' : 'degraded'),
    close: async () => options.onClose?.(),
  };
}
