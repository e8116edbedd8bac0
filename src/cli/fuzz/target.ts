import http from 'node:http';
import { inProcessApp, serveLocally, type InProcessAppOptions } from '../../../test/harness';

/**
 * The real app (bundled FAQ, real skills) on an ephemeral 127.0.0.1 port, reached over real HTTP with
 * raw bodies and headers, so fuzzing sees exactly what a client on the network would.
 */

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

/**
 * Starts the in-process app (see test/harness) with fuzzing's options: no feedback recorder, as the fuzzer has
 * always run, and abuse limits off unless `env` turns them on (fuzzing is one user sending thousands of calls).
 */
export async function startFuzzTarget(options: InProcessAppOptions = {}): Promise<FuzzTarget> {
  const server = await serveLocally(await inProcessApp({ feedback: null, ...options }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let sent = 0;
  return {
    baseUrl: server.baseUrl,
    get sent() {
      return sent;
    },
    send(request) {
      sent += 1;
      return sendRaw({ host: '127.0.0.1', port: server.port, agent }, request);
    },
    async close() {
      agent.destroy();
      await server.close();
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
