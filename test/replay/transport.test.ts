import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWithRetries } from '../../src/cli/replay/transport';

/** A throwaway server whose handler decides per request (counted from 1). */
async function serve(handler: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void) {
  let n = 0;
  const server = http.createServer((req, res) => handler(++n, req, res)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/skill/faq`,
    requests: () => n,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('postWithRetries', () => {
  it('sends the body as JSON with the secret and request id headers', async () => {
    let seen: { headers: http.IncomingHttpHeaders; body: string } | undefined;
    const server = await serve(async (_n, req, res) => {
      seen = { headers: req.headers, body: await readBody(req) };
      json(res, 200, { version: '2.0' });
    });
    try {
      const delivery = await postWithRetries(server.url, '월렛 삭제', { secret: 's3cret-s3cret-s3cret', secretHeader: 'x-bot-key', requestId: 'replay.a' });
      expect(delivery).toMatchObject({ status: 200, body: { version: '2.0' }, attempts: [{ status: 200 }] });
      // A bare string body stays a JSON string, so bad-input fixtures reach the server as written.
      expect(seen!.body).toBe('"월렛 삭제"');
      expect(seen!.headers).toMatchObject({ 'content-type': 'application/json', 'x-bot-key': 's3cret-s3cret-s3cret', 'x-request-id': 'replay.a' });
    } finally {
      await server.close();
    }
  });

  it('reports a 4xx as the result without retrying', async () => {
    const server = await serve((_n, _req, res) => json(res, 401, { error: { code: 'missing_secret' } }));
    try {
      const delivery = await postWithRetries(server.url, {}, { retries: 2, backoffMs: 0 });
      expect(delivery).toMatchObject({ status: 401, body: { error: { code: 'missing_secret' } } });
      expect(delivery.attempts).toHaveLength(1);
      expect(server.requests()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('retries a 503 and a timeout, and lists every attempt', async () => {
    const server = await serve((n, _req, res) => {
      if (n === 1) return json(res, 503, { error: 'busy' });
      if (n === 2) return; // never answers: the attempt times out
      json(res, 200, { version: '2.0', data: { outcome: 'answer' } });
    });
    try {
      const delivery = await postWithRetries(server.url, {}, { retries: 2, timeoutMs: 300, backoffMs: 0 });
      expect(delivery.status).toBe(200);
      expect(delivery.attempts.map((a) => a.problem ?? `HTTP ${a.status}`)).toEqual(['HTTP 503', 'timed out after 300 ms', 'HTTP 200']);
    } finally {
      await server.close();
    }
  });

  it('gives up after the last retry and reports that no response came', async () => {
    const server = await serve(() => {});
    try {
      const delivery = await postWithRetries(server.url, {}, { retries: 1, timeoutMs: 200, backoffMs: 0 });
      expect(delivery.status).toBeUndefined();
      expect(delivery.attempts.map((a) => a.problem)).toEqual(['timed out after 200 ms', 'timed out after 200 ms']);
    } finally {
      await server.close();
    }
  });

  it('reports a refused connection with its code', async () => {
    const server = await serve(() => {});
    const { url } = server;
    await server.close();
    const delivery = await postWithRetries(url, {}, { backoffMs: 0 });
    expect(delivery.status).toBeUndefined();
    expect(delivery.attempts[0]!.problem).toMatch(/^ECONNREFUSED/);
  });

  it('keeps a non-JSON body (a proxy error page) as text', async () => {
    const server = await serve((_n, _req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    try {
      const delivery = await postWithRetries(server.url, {});
      expect(delivery).toMatchObject({ status: 502, body: '<html>Bad Gateway</html>' });
    } finally {
      await server.close();
    }
  });
});
