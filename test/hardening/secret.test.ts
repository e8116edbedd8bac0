import crypto from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { inProcessApp, kakaoPayload, spawnServer } from '../harness';

/**
 * The skill secret: compared in constant time (sha256 digests of equal length through timingSafeEqual,
 * whatever was sent), required on every skill call, and never written to a log or a response.
 */

const SECRET = 'hardening-secret-7f3a9c2e51b84d06';
const HEADER = 'x-skill-secret';

describe('the secret comparison', () => {
  let spy: jest.SpiedFunction<typeof crypto.timingSafeEqual>;
  beforeEach(() => {
    spy = jest.spyOn(crypto, 'timingSafeEqual');
  });
  afterEach(() => spy.mockRestore());

  it.each([
    ['empty', ''],
    ['one character', 'h'],
    ['one character short', SECRET.slice(0, -1)],
    ['the same length, last character wrong', `${SECRET.slice(0, -1)}X`],
    ['one character long', `${SECRET}x`],
    ['1,000 characters', 'a'.repeat(1_000)],
    ['the secret in upper case', SECRET.toUpperCase()],
  ])('runs timingSafeEqual once over two 32-byte digests for a wrong secret: %s', async (_name, sent) => {
    const res = await request(await inProcessApp({ env: { SKILL_SECRET: SECRET } }))
      .post('/skill/faq')
      .set(HEADER, sent)
      .send(kakaoPayload('환불'));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('wrong_secret');
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0]!;
    expect([Buffer.isBuffer(a), Buffer.isBuffer(b), (a as Buffer).length, (b as Buffer).length]).toEqual([true, true, 32, 32]);
    expect(spy.mock.results[0]!.value).toBe(false);
  });

  it('lets the right secret through by the same comparison', async () => {
    const res = await request(await inProcessApp({ env: { SKILL_SECRET: SECRET } }))
      .post('/skill/faq')
      .set(HEADER, SECRET)
      .send(kakaoPayload('환불'));
    expect(res.status).toBe(200);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.results[0]!.value).toBe(true);
  });

  it('refuses every other header value (property)', async () => {
    const app = await inProcessApp({ env: { SKILL_SECRET: SECRET } });
    const headerValue = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(headerValue, headerValue.map((s) => SECRET.slice(0, s.length % SECRET.length) + s)), async (sent) => {
        fc.pre(sent !== SECRET);
        const res = await request(app).post('/skill/faq').set(HEADER, sent).send(kakaoPayload('환불'));
        expect(res.status).toBe(401);
        expect(JSON.stringify(res.body)).not.toContain(SECRET);
      }),
      { numRuns: 150, seed: 8 },
    );
  });
});

describe('the secret in logs', () => {
  it('never appears in the server log or stderr, nor do wrong attempts, at LOG_LEVEL=trace', async () => {
    const wrong = 'wrong-secret-value-0123456789abcdef';
    const server = spawnServer({ SKILL_SECRET: SECRET, LOG_LEVEL: 'trace' });
    try {
      const url = `http://127.0.0.1:${await server.port()}/skill/faq`;
      const post = (headers: Record<string, string>, body = JSON.stringify(kakaoPayload('환불'))) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) => r.status);
      expect(await post({ [HEADER]: wrong })).toBe(401);
      expect(await post({})).toBe(401);
      expect(await post({ [HEADER]: SECRET })).toBe(200);
      expect(await post({ [HEADER]: SECRET }, '{"broken":')).toBe(400);
      await server.waitForLine((l) => l.msg === 'skill call' && l.status === 'ok');
    } finally {
      await server.stop();
    }
    const output = JSON.stringify(server.lines) + server.stderr();
    // The capture works: the refusals were logged, by code.
    expect(server.lines.filter((l) => l.code === 'wrong_secret' || l.code === 'missing_secret')).toHaveLength(2);
    expect(output).not.toContain(wrong);
    expect(output).not.toContain(SECRET);
  }, 30_000);
});

describe('a secret set with stray whitespace', () => {
  /** One POST over a raw socket, so the header bytes are exactly these (fetch would trim them); the status. */
  async function rawPost(port: number, headerValue: string): Promise<number> {
    const body = JSON.stringify(kakaoPayload('환불'));
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    let response = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (response += chunk));
    socket.end(
      `POST /skill/faq HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${HEADER}:${headerValue}\r\n\r\n${body}`,
    );
    await once(socket, 'close');
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
  }

  it('accepts the header as typed in the admin center when SKILL_SECRET came from a file with a trailing newline', async () => {
    // a Kubernetes secret made with --from-file keeps the file's last newline
    const server = spawnServer({ SKILL_SECRET: `${SECRET}\n` });
    try {
      const port = await server.port();
      expect(await rawPost(port, ` ${SECRET}`)).toBe(200);
      // surrounding spaces and tabs on the wire are not part of a header value (RFC 9110 §5.5; node drops them)
      expect(await rawPost(port, ` \t${SECRET} \t`)).toBe(200);
      expect(await rawPost(port, ` ${SECRET.slice(0, -1)}`)).toBe(401);
    } finally {
      await server.stop();
    }
  }, 30_000);
});
