import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that answers as `handle` says: for the misbehaving embeddings services
 * (HTML, garbage, 500, hangs) that the client and the breaker must survive. `close()` also cuts the
 * connections it left hanging.
 */
export interface ScriptedServer {
  url: string;
  /** Each request seen: its headers and parsed JSON body (undefined when not JSON). */
  requests: { headers: http.IncomingHttpHeaders; body: unknown }[];
  close(): Promise<void>;
}

export type Handle = (body: { input?: string[] } & Record<string, unknown>, res: http.ServerResponse) => void;

export async function startScriptedServer(handle: Handle): Promise<ScriptedServer> {
  const requests: ScriptedServer['requests'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      requests.push({ headers: req.headers, body });
      handle((body ?? {}) as Parameters<Handle>[0], res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A well-formed answer: `dims`-long vectors, one per input (first component = position + 1). */
export function embeddingsAnswer(inputs: readonly string[], dims = 4): string {
  const data = inputs.map((_, index) => ({ object: 'embedding', index, embedding: Array.from({ length: dims }, (_, d) => (d === 0 ? index + 1 : 0.5)) }));
  return JSON.stringify({ object: 'list', data, model: 'scripted', usage: { prompt_tokens: 1, total_tokens: 1 } });
}

export function sendJson(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
