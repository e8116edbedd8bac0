import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseConfig } from '../../src/config';
import { createHttpServer } from '../../src/http/server';
import { SkillResponseSchema } from '../../src/kakao';
import { inProcessApp, kakaoPayload } from '../harness';

/**
 * Slowloris-style clients, bounded: a few dozen sockets on 127.0.0.1 that send their headers or body a
 * byte at a time, or nothing at all. The server must keep answering normal requests and cut the slow
 * ones off itself once the configured timeouts pass (short ones here, so the test stays quick).
 */

const LIMITS = { maxHeaderBytes: 8 * 1024, headersTimeoutMs: 800, requestTimeoutMs: 1_200, connectionsCheckingIntervalMs: 100 };
/** Each slow client gives up by itself after this long, so a server that never cuts it off fails the test. */
const CLIENT_GIVES_UP_MS = 8_000;
const SLOW_CLIENTS = 30;

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = createHttpServer(await inProcessApp(), LIMITS);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface SlowResult {
  closedByServer: boolean;
  response: string;
}

/** Opens a socket, sends `head`, then `drip` one byte every 100 ms until the server closes it or we give up. */
async function slowClient(head: string, drip: string): Promise<SlowResult> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let response = '';
  let closed = false;
  socket.setEncoding('utf8').on('data', (chunk: string) => (response += chunk));
  socket.on('error', () => undefined);
  const closedPromise = once(socket, 'close').then(() => (closed = true));
  if (head) socket.write(head);
  const started = Date.now();
  for (let i = 0; !closed && Date.now() - started < CLIENT_GIVES_UP_MS; i++) {
    await Promise.race([sleep(100), closedPromise]);
    if (!closed && drip && !socket.destroyed) socket.write(drip[i % drip.length]!);
  }
  const closedByServer = closed;
  socket.destroy();
  return { closedByServer, response };
}

async function normalRequest(): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/skill/faq`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(kakaoPayload('환불 계좌 등록')),
  });
  expect(res.status).toBe(200);
  expect(SkillResponseSchema.safeParse(await res.json()).success).toBe(true);
}

describe('slow clients', () => {
  it('headers sent a byte at a time are cut off with 408 while normal requests are answered', async () => {
    const slow = Array.from({ length: SLOW_CLIENTS }, () => slowClient('POST /skill/faq HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: aaaaaaaa\r\n'));
    await sleep(200);
    for (let i = 0; i < 5; i++) await normalRequest();
    const results = await Promise.all(slow);
    expect(results.filter((r) => !r.closedByServer)).toEqual([]);
    for (const r of results) expect(r.response).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it('a body sent a byte at a time is cut off too', async () => {
    const head = 'POST /skill/faq HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n';
    const results = await Promise.all(Array.from({ length: 10 }, () => slowClient(head, '{"userRequest":')));
    await normalRequest();
    expect(results.filter((r) => !r.closedByServer)).toEqual([]);
  }, 20_000);

  it('sockets that connect and send nothing are closed', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => slowClient('', '')));
    await normalRequest();
    expect(results.filter((r) => !r.closedByServer)).toEqual([]);
  }, 20_000);
});

describe('createHttpServer', () => {
  it('uses the production limits from the config, checking them every second (node would wait 30 s)', async () => {
    const config = parseConfig({});
    const server = createHttpServer(await inProcessApp(), config) as http.Server & { connectionsCheckingInterval: number };
    expect({
      headersTimeout: server.headersTimeout,
      requestTimeout: server.requestTimeout,
      connectionsCheckingInterval: server.connectionsCheckingInterval,
    }).toEqual({ headersTimeout: config.headersTimeoutMs, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 });
    expect((http.createServer() as http.Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval).toBe(30_000);
  });

  it('never lets the request timeout fall below the headers timeout', async () => {
    const server = createHttpServer(await inProcessApp(), { maxHeaderBytes: 8192, headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 });
    expect(server.requestTimeout).toBe(5_000);
  });
});
