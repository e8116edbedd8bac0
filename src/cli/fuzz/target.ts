import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { edgeReplies, skills } from '../../../skills';
import { parseConfig } from '../../config';
import { staticFaqSets } from '../../faq/sets/set-selection';
import { loadFaqStore, type FaqStore } from '../../faq/faq-store';
import { createApp, type AppDeps } from '../../http/app';
import { silentLogger } from '../../log';

/**
 * The real app (bundled FAQ, real skills) on an ephemeral 127.0.0.1 port, reached over real HTTP with
 * raw bodies and headers, so fuzzing sees exactly what a client on the network would.
 */

export const ROOT = path.resolve(__dirname, '../../..');

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface FuzzTarget {
  readonly baseUrl: string;
  /** Requests sent so far (the "payloads fuzzed" figure). */
  readonly sent: number;
  send(request: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

let bundled: Promise<FaqStore> | undefined;
export function bundledStore(): Promise<FaqStore> {
  bundled ??= loadFaqStore({
    faqFile: path.join(ROOT, 'data/faq.json'),
    synonymsFile: path.join(ROOT, 'data/synonyms.json'),
  });
  return bundled;
}

/**
 * Starts the app; `env` is parsed by the real config parser (abuse limits off unless `env` turns them on:
 * fuzzing is one user sending thousands of calls), `deps` replace skills, log or FAQ sets.
 */
export async function startFuzzTarget(
  options: { env?: Record<string, string>; deps?: Partial<Omit<AppDeps, 'config'>> } = {},
): Promise<FuzzTarget> {
  const store = await bundledStore();
  const env = { PUBLIC_BASE_URL: 'https://faq.example.com', USER_RATE_LIMIT: '0', IP_RATE_LIMIT: '0', ...options.env };
  const config = parseConfig(env, ROOT);
  const app = createApp({
    skills,
    edgeReplies,
    log: silentLogger,
    faqSets: staticFaqSets(store),
    ...options.deps,
    config,
  });
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let sent = 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get sent() {
      return sent;
    },
    send(request) {
      sent += 1;
      return sendRaw({ host: '127.0.0.1', port, agent }, request);
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One HTTP request with exactly the given bytes and headers (Content-Length is set when absent). */
export function sendRaw(
  where: { host: string; port: number; agent?: http.Agent },
  { method = 'POST', path: urlPath = '/skill/faq', headers = {}, body }: RawRequest,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ ...where, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
