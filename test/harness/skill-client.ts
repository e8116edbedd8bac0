import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/**
 * Serves an app (usually {@link inProcessApp}) on an ephemeral 127.0.0.1 port, for callers that reach the
 * skill exactly as Kakao does, over real HTTP: eval, replay, fuzzing. `close()` also cuts connections
 * still open (keep-alive agents, a fuzzer's half-sent request), so it never waits on a client.
 */
export async function serveLocally(app: Express): Promise<{ baseUrl: string; port: number; close(): Promise<void> }> {
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** POSTs `body` as JSON; resolves with the status and the parsed body (undefined when empty). */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
