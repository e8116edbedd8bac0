import { once } from 'node:events';
import net from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { captureLogger, inProcessApp, kakaoPayload, serveLocally, spawnServer, type ServerProcess } from '../harness';

/**
 * The skill route's body reader (src/http/json-body.ts) answers every request exactly as express.json did: the
 * same raw requests go over real sockets to an app with each reader (./json-body-apps.ts, a process of its own),
 * and the whole responses (status line, headers, body; only Date differs) must be equal.
 */

const LIMIT = 4096;
const payload = JSON.stringify(kakaoPayload('배송 조회는 어떻게 하나요?'));
const oversized = JSON.stringify(kakaoPayload('가'.repeat(LIMIT)));

let apps: ServerProcess;
const port = { lean: 0, bodyParser: 0 };
let lean: Awaited<ReturnType<typeof serveLocally>>;
const leanLog = captureLogger();

beforeAll(async () => {
  apps = spawnServer({ BODY_LIMIT: String(LIMIT) }, { entry: 'test/http/json-body-apps.ts' });
  Object.assign(port, await apps.waitForLine((line) => line.msg === 'json-body apps'));
  lean = await serveLocally(await inProcessApp({ env: { BODY_LIMIT: String(LIMIT) }, log: leanLog.log }));
}, 60_000);
afterAll(async () => {
  await Promise.all([apps.stop(), lean.close()]);
});

/** A raw POST /skill/faq; a request closes its connection (so a response ends with the socket) unless kept alive. */
function post(headers: Record<string, string>, body: Buffer | string = '', connection: 'close' | 'keep-alive' = 'close'): Buffer {
  const lines = ['POST /skill/faq HTTP/1.1', 'Host: 127.0.0.1', `Connection: ${connection}`, 'X-Request-Id: json-body-test'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]);
}

const json = (extra: Record<string, string> = {}) => ({ 'Content-Type': 'application/json', ...extra });
const sized = (body: Buffer | string, headers: Record<string, string> = json()) => post({ ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, body);
const chunked = (parts: (Buffer | string)[], headers: Record<string, string> = json()) =>
  post(
    { ...headers, 'Transfer-Encoding': 'chunked' },
    Buffer.concat([...parts.flatMap((p) => [Buffer.from(`${Buffer.byteLength(p).toString(16)}\r\n`), Buffer.from(p), Buffer.from('\r\n')]), Buffer.from('0\r\n\r\n')]),
  );

interface Exchange {
  /** The request, sent as these pieces with a pause between them (a body that arrives slowly, split chunks). */
  pieces: Buffer[];
  /** After the last piece: leave the socket open until the server closes it, or half-close it. */
  then?: 'wait' | 'half-close';
}

/** Sends one exchange and returns everything the server wrote back, its Date headers removed. */
async function exchange(port: number, { pieces, then = 'wait' }: Exchange): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const received: Buffer[] = [];
  socket.on('data', (d: Buffer) => received.push(d));
  const closed = once(socket, 'close');
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 15));
    socket.write(piece);
  }
  if (then === 'half-close') socket.end();
  await closed;
  return Buffer.concat(received).toString('utf8').replace(/^Date: .*\r\n/gim, '');
}

/** A request that keeps its connection open for the next one (the reader must leave the socket ready for it). */
const keptAlive = (body: Buffer | string, headers: Record<string, string> = json()) =>
  post({ ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, body, 'keep-alive');
const split = (request: Buffer, ...at: number[]) => [0, ...at].map((from, i) => request.subarray(from, at[i]));
const bodyStart = (request: Buffer) => request.indexOf('\r\n\r\n') + 4;
const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(payload)]);
const korean = Buffer.from(payload);
// the first byte of a three-byte character ends one TCP write, the rest starts the next
const cut = korean.indexOf(Buffer.from('배')) + 1;
const invalidUtf8 = Buffer.from(payload.replace('배송', '##'));
invalidUtf8.set([0xff, 0xc3], invalidUtf8.indexOf('##'));

const CASES: [string, Exchange, number][] = [
  ['a valid payload', { pieces: [sized(payload)] }, 200],
  ['a valid payload with a UTF-8 byte order mark', { pieces: [sized(withBom)] }, 200],
  ['Content-Type with charset=utf-8', { pieces: [sized(payload, json({ 'Content-Type': 'application/json; charset=utf-8' }))] }, 200],
  ['Content-Type with charset=UTF-8, no space', { pieces: [sized(payload, json({ 'Content-Type': 'application/json;charset=UTF-8' }))] }, 200],
  ['Content-Type in capitals', { pieces: [sized(payload, json({ 'Content-Type': 'APPLICATION/JSON' }))] }, 200],
  ['Content-Type with a quoted charset', { pieces: [sized(payload, json({ 'Content-Type': 'application/json; charset="utf-8"' }))] }, 200],
  ['charset=utf-16 (body-parser decodes it)', { pieces: [sized(Buffer.from(payload, 'utf16le'), json({ 'Content-Type': 'application/json; charset=utf-16le' }))] }, 200],
  ['charset=utf8 (not utf-…)', { pieces: [sized(payload, json({ 'Content-Type': 'application/json; charset=utf8' }))] }, 415],
  ['charset=latin1', { pieces: [sized(payload, json({ 'Content-Type': 'application/json; charset=latin1' }))] }, 415],
  ['charset=utf-nonsense', { pieces: [sized(payload, json({ 'Content-Type': 'application/json; charset=utf-nonsense' }))] }, 415],
  ['text/plain', { pieces: [sized(payload, json({ 'Content-Type': 'text/plain' }))] }, 415],
  ['application/vnd.kakao+json', { pieces: [sized(payload, json({ 'Content-Type': 'application/vnd.kakao+json' }))] }, 415],
  ['a Content-Type with a bare parameter (type-is reads it as JSON)', { pieces: [sized(payload, json({ 'Content-Type': 'application/json; charset' }))] }, 200],
  ['no Content-Type', { pieces: [sized(payload, {})] }, 415],
  ['no body at all', { pieces: [post(json())] }, 415],
  ['an empty body', { pieces: [sized('')] }, 400],
  ['an empty chunked body', { pieces: [chunked([])] }, 400],
  ['a JSON string', { pieces: [sized('"안녕"')] }, 400],
  ['a JSON number', { pieces: [sized(' 42 ')] }, 400],
  ['JSON null', { pieces: [sized('null')] }, 400],
  ['a JSON array', { pieces: [sized('[1,2]')] }, 400],
  ['malformed JSON', { pieces: [sized('{"userRequest": ')] }, 400],
  ['malformed JSON after a byte order mark', { pieces: [sized(Buffer.from([0xef, 0xbb, 0xbf, 0x7b]))] }, 400],
  ['bytes that are not UTF-8 inside a string', { pieces: [sized(invalidUtf8)] }, 200],
  ['over the limit, with Content-Length', { pieces: [sized(oversized)] }, 413],
  ['over the limit, chunked', { pieces: [chunked([oversized.slice(0, 3000), oversized.slice(3000)])] }, 413],
  ['a Content-Length over the limit before a short body, then a half-close (node answers 400 itself)', { pieces: [post({ ...json(), 'Content-Length': String(LIMIT + 1) }, payload)], then: 'half-close' }, 400],
  ['a Content-Length longer than the body, then a half-close (node answers 400 itself)', { pieces: [post({ ...json(), 'Content-Length': String(payload.length + 10) }, payload)], then: 'half-close' }, 400],
  ['a Content-Length shorter than the body', { pieces: [post({ ...json(), 'Content-Length': '10' }, payload)] }, 400],
  ['chunked, in many chunks', { pieces: [chunked([payload.slice(0, 100), payload.slice(100, 300), payload.slice(300)])] }, 200],
  ['a body that arrives slowly, a character split between writes', { pieces: split(sized(korean), bodyStart(sized(korean)) + cut, bodyStart(sized(korean)) + cut + 40) }, 200],
  ['gzip', { pieces: [sized(gzipSync(payload), json({ 'Content-Encoding': 'gzip' }))] }, 200],
  ['GZIP in capitals, chunked', { pieces: [chunked([gzipSync(payload)], json({ 'Content-Encoding': 'GZIP' }))] }, 200],
  ['deflate', { pieces: [sized(deflateSync(payload), json({ 'Content-Encoding': 'deflate' }))] }, 200],
  ['br', { pieces: [sized(brotliCompressSync(payload), json({ 'Content-Encoding': 'br' }))] }, 200],
  ['identity', { pieces: [sized(payload, json({ 'Content-Encoding': 'identity' }))] }, 200],
  ['gzip that inflates over the limit', { pieces: [sized(gzipSync(oversized), json({ 'Content-Encoding': 'gzip' }))] }, 413],
  ['gzip that does not inflate', { pieces: [sized(Buffer.from('not gzip at all'), json({ 'Content-Encoding': 'gzip' }))] }, 400],
  ['br that does not inflate', { pieces: [sized(Buffer.from('not brotli'), json({ 'Content-Encoding': 'br' }))] }, 400],
  ['an unknown Content-Encoding', { pieces: [sized(payload, json({ 'Content-Encoding': 'compress' }))] }, 415],
  ['a body over the limit, then a valid request on the same kept-alive connection', { pieces: [keptAlive(oversized), sized(payload)] }, 413],
  ['malformed JSON, then a valid request on the same kept-alive connection', { pieces: [keptAlive('{"userRequest": '), sized(payload)] }, 400],
  ['gzip over the limit, then a valid request on the same kept-alive connection', { pieces: [keptAlive(gzipSync(oversized), json({ 'Content-Encoding': 'gzip' })), sized(payload)] }, 413],
  ['a valid request, then another on the same kept-alive connection', { pieces: [keptAlive(payload), sized(payload)] }, 200],
  ['zstd, which this Node cannot inflate', { pieces: [sized(payload, json({ 'Content-Encoding': 'zstd' }))] }, 415],
];

describe('the skill route reads bodies exactly as express.json did', () => {
  it.each(CASES)('%s: the same response from both readers', async (_name, request, status) => {
    const [got, expected] = [await exchange(port.lean, request), await exchange(port.bodyParser, request)];
    expect(got).toBe(expected);
    expect(Number(/^HTTP\/1\.1 (\d+)/.exec(got)?.[1] ?? 0)).toBe(status);
    // a kept-alive connection answers its second request too: the reader left the socket ready for it
    if (request.pieces.length === 2 && request.pieces[0]!.includes('Connection: keep-alive')) {
      expect(got.match(/HTTP\/1\.1 \d+/g)).toEqual([`HTTP/1.1 ${status}`, 'HTTP/1.1 200']);
    }
  });

  it('answers each refusal with the error code it always had', async () => {
    const code = async (request: Exchange) => /"code":"([a-z_]+)"/.exec(await exchange(port.lean, request))?.[1];
    expect(await code({ pieces: [sized('{"userRequest": ')] })).toBe('invalid_json');
    expect(await code({ pieces: [sized(' 42 ')] })).toBe('invalid_payload');
    expect(await code({ pieces: [sized(oversized)] })).toBe('body_too_large');
    expect(await code({ pieces: [sized(payload, {})] })).toBe('unsupported_media_type');
    expect(await code({ pieces: [sized(payload, json({ 'Content-Type': 'application/json; charset=latin1' }))] })).toBe('unsupported_encoding');
    expect(await code({ pieces: [sized(payload, json({ 'Content-Encoding': 'compress' }))] })).toBe('unsupported_encoding');
    expect(await code({ pieces: [sized(Buffer.from('x'), json({ 'Content-Encoding': 'gzip' }))] })).toBe('undecodable_body');
  });

  it('survives clients that go away mid-body, plain and gzip, and keeps answering', async () => {
    const gzipped = gzipSync(payload);
    const halfPlain = sized(payload).subarray(0, bodyStart(sized(payload)) + 100);
    const gzipRequest = sized(gzipped, json({ 'Content-Encoding': 'gzip' }));
    const halfGzip = gzipRequest.subarray(0, bodyStart(gzipRequest) + 20);
    for (const half of [halfPlain, halfGzip]) {
      const socket = net.connect(lean.port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(half);
      await new Promise((resolve) => setTimeout(resolve, 30));
      socket.destroy();
      await once(socket, 'close');
    }
    expect(await exchange(lean.port, { pieces: [sized(payload)] })).toMatch(/^HTTP\/1\.1 200 /);
    expect(leanLog.lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

});
