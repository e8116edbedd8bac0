import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SkillResponseSchema } from '../../src/kakao';
import { freePort, kakaoPayload, type ServerProcess, spawnServer } from '../harness';

/**
 * Connection exhaustion on the real server in a child process with a lowered open-files limit
 * (RLIMIT_NOFILE 256, via util-linux prlimit) and bounded socket floods on 127.0.0.1. Without a cap the
 * process runs out of descriptors: new Kakao requests are reset, and a request already connected got
 * `400 "EMFILE: … open '/abs/path/node_modules/…'"`. No timings are asserted.
 */

jest.setTimeout(90_000);

const NOFILE = { soft: 256, hard: 256 };
const FLOOD = 400;
const TOKEN = 'connection-cap-metrics-token';
const BODY = JSON.stringify(kakaoPayload('환불 계좌는 어떻게 등록하나요?'));

/** Opens `count` sockets that send nothing; resolves once each is connected or has failed. */
async function flood(port: number, count: number): Promise<net.Socket[]> {
  const sockets = Array.from({ length: count }, () => net.connect(port, '127.0.0.1').on('error', () => undefined));
  await Promise.all(sockets.map((s) => Promise.race([once(s, 'connect'), once(s, 'close')])));
  return sockets;
}

/** A request on a fresh connection (no keep-alive agent). */
function post(port: number, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no reply within 10 s')));
    req.on('error', reject);
    req.end(body || undefined);
  });
}

/** Sends `head` (and `body`) on an open socket and resolves with everything the server sent until it closed. */
async function exchange(socket: net.Socket, text: string): Promise<string> {
  let reply = '';
  socket.setEncoding('utf8').on('data', (c: string) => (reply += c));
  const closed = once(socket, 'close');
  socket.write(text);
  await closed;
  return reply;
}

function rawPost(body: string, contentLength = Buffer.byteLength(body)): string {
  return `POST /skill/faq HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\nConnection: close\r\n\r\n${body}`;
}

async function shed(server: ServerProcess, port: number, reason: string): Promise<number> {
  const { text } = await post(port, '/metrics', '', { authorization: `Bearer ${TOKEN}` });
  const line = text.split('\n').find((l) => l.startsWith(`kakao_faq_connections_shed_total{listener="main",reason="${reason}"}`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

const expectValidReply = ({ status, text }: { status: number; text: string }) => {
  expect(status).toBe(200);
  expect(SkillResponseSchema.safeParse(JSON.parse(text)).success).toBe(true);
};

describe('connection cap (RLIMIT_NOFILE 256)', () => {
  let server: ServerProcess;
  let sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    sockets = [];
    await server.stop();
  });

  it('derives the cap from the open-files limit and keeps answering Kakao through a flood of idle sockets', async () => {
    // with the metrics listener in this process: its 64 connections come out of the same 256 descriptors
    server = spawnServer({ USER_RATE_LIMIT: '0', METRICS_TOKEN: TOKEN, METRICS_PORT: String(await freePort()) }, { nofile: NOFILE });
    const port = await server.port();
    const limit = await server.waitForLine((l) => l.msg === 'open-files limit and connection cap');
    expect(limit).toMatchObject({ after: { soft: 256 }, maxConnections: 128, metricsMaxConnections: 64, auto: true });
    expect(server.lines.some((l) => String(l.msg).startsWith('MAX_CONNECTIONS leaves fewer than 64'))).toBe(false);

    sockets = await flood(port, FLOOD);
    for (let i = 0; i < 5; i++) expectValidReply(await post(port, '/skill/faq', BODY));
    expect(await shed(server, port, 'idle_closed')).toBeGreaterThan(0);
    await server.waitForLine((l) => String(l.msg).startsWith('connection cap reached') && l.listener === 'main');
    // one line for the burst, not one per socket
    expect(server.lines.filter((l) => String(l.msg).startsWith('connection cap reached')).length).toBeLessThan(5);
  });

  it('refuses connections beyond MAX_CONNECTIONS while every slot is busy, counts them, and serves the busy ones', async () => {
    server = spawnServer({ USER_RATE_LIMIT: '0', METRICS_TOKEN: TOKEN, MAX_CONNECTIONS: '8' }, { nofile: NOFILE });
    const port = await server.port();
    // eight requests in progress: headers sent (the server answers 100 Continue), body not yet
    const busy: { socket: net.Socket; reply: Promise<string> }[] = [];
    for (let i = 0; i < 8; i++) {
      const socket = net.connect(port, '127.0.0.1');
      sockets.push(socket);
      let reply = '';
      socket.setEncoding('utf8').on('data', (c: string) => (reply += c));
      const closed = once(socket, 'close').then(() => reply);
      socket.write(rawPost('', Buffer.byteLength(BODY)).replace('Connection: close\r\n', 'Connection: close\r\nExpect: 100-continue\r\n'));
      while (!reply.includes('100 Continue')) await sleep(20);
      busy.push({ socket, reply: closed });
    }
    const extra = await flood(port, 4);
    sockets.push(...extra);
    // closed by the server at once; a server without a cap keeps them (the client gives up after 5 s)
    await Promise.all(extra.map((s) => (s.destroyed ? undefined : Promise.race([once(s, 'close'), sleep(5_000)]))));
    expect(extra.filter((s) => !s.destroyed).length).toBe(0);
    for (const b of busy) b.socket.write(BODY);
    for (const b of busy) {
      const reply = await b.reply;
      expect(reply).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
      expect(SkillResponseSchema.safeParse(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n{') + 4))).success).toBe(true);
    }
    expect(await shed(server, port, 'refused')).toBe(4);
    await server.waitForLine((l) => String(l.msg).startsWith('connection cap reached') && (l.refused as number) > 0);
  });

  it('answers a request that arrives while the process is out of descriptors with an apology, leaking no path', async () => {
    // a cap above the limit (an operator's mistake) lets the flood take every descriptor
    server = spawnServer({ USER_RATE_LIMIT: '0', MAX_CONNECTIONS: '100000' }, { nofile: NOFILE });
    const port = await server.port();
    await server.waitForLine((l) => String(l.msg).startsWith('MAX_CONNECTIONS leaves fewer than 64 descriptors'));
    const kakao = net.connect(port, '127.0.0.1');
    await once(kakao, 'connect');
    const floodSockets = await flood(port, FLOOD);
    sockets = [kakao, ...floodSockets];
    // out of descriptors for sure once the server closes what it cannot keep (libuv's EMFILE path)
    await Promise.race(floodSockets.map((s) => (s.destroyed ? undefined : once(s, 'close'))));
    const reply = await exchange(kakao, rawPost(BODY));
    expect(reply).not.toMatch(/EMFILE|node_modules|\/work\/|too many open files/i);
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    expect(SkillResponseSchema.safeParse(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).success).toBe(true);
  });
});
