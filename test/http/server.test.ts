import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer, drainServer } from '../../src/http/server';
import { inProcessApp } from '../harness';

async function serve(limits: { maxHeaderBytes: number; headersTimeoutMs: number }) {
  const server = createHttpServer(await inProcessApp(), limits).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

function request(port: number, headers: Record<string, string>, agent: http.Agent | false = false): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/healthz', headers, agent }, (res) => {
      res.resume();
      resolve(res);
    }).on('error', reject);
  });
}

const get = async (port: number, headers: Record<string, string>) => (await request(port, headers)).statusCode ?? 0;

describe('createHttpServer', () => {
  it('answers 431 to requests whose headers exceed MAX_HEADER_SIZE, and serves normal ones', async () => {
    const { server, port } = await serve({ maxHeaderBytes: 2048, headersTimeoutMs: 5000 });
    try {
      expect(await get(port, { 'x-small': 'ok' })).toBe(200);
      expect(await get(port, { 'x-big': 'x'.repeat(4096) })).toBe(431);
    } finally {
      server.close();
    }
  });

  it('applies the headers timeout and a request timeout no shorter than it', async () => {
    const { server } = await serve({ maxHeaderBytes: 8192, headersTimeoutMs: 3000 });
    try {
      expect(server.headersTimeout).toBe(3000);
      expect(server.requestTimeout).toBeGreaterThanOrEqual(server.headersTimeout);
    } finally {
      server.close();
    }
  });

  it('once draining, refuses new connections and closes a keep-alive connection after its next reply', async () => {
    const { server, port } = await serve({ maxHeaderBytes: 8192, headersTimeoutMs: 5000 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await request(port, {}, agent)).headers.connection).toBe('keep-alive');
      const drained = drainServer(server, 5_000);
      await expect(request(port, {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const res = await request(port, {}, agent);
      expect(res.statusCode).toBe(200);
      expect(res.headers.connection).toBe('close');
      expect(await drained).toBe('drained');
    } finally {
      agent.destroy();
      server.closeAllConnections();
    }
  });
});
