import zlib from 'node:zlib';
import { HOSTILE_SAMPLES } from '../../src/cli/fuzz/hostile-text';
import { checkReply, type ErrorReply } from '../../src/cli/fuzz/oracle';
import { deepText } from '../../src/cli/fuzz/payloads';
import { startFuzzTarget, type FuzzTarget, type RawRequest } from '../../src/cli/fuzz/target';
import { findTooDeep, MAX_JSON_DEPTH } from '../../src/http/json-depth';
import { kakaoPayload } from '../harness';

/**
 * The named edge cases behind the fuzz suite, one by one, so each documented behaviour has a test
 * that reads as its specification (docs/reliability.md links here).
 */

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(() => target.close());

const JSON_TYPE = { 'content-type': 'application/json' };
const payloadText = (utterance = '환불') => JSON.stringify(kakaoPayload(utterance));

async function send(request: RawRequest) {
  return checkReply(await target.send(request));
}

async function expectError(request: RawRequest, status: number, code: string): Promise<ErrorReply> {
  const verdict = await send(request);
  if (verdict.kind !== 'error') throw new Error(`expected ${status} ${code}, got 200`);
  expect(verdict.error).toMatchObject({ status, code });
  return verdict.error;
}

async function expectReply(request: RawRequest): Promise<Record<string, unknown>> {
  const verdict = await send(request);
  if (verdict.kind !== 'reply') throw new Error(`expected 200, got ${verdict.error.status} ${verdict.error.code}: ${verdict.error.message}`);
  return verdict.body;
}

describe('deeply nested bodies', () => {
  const base = payloadText();
  it.each([
    ['action.clientExtra', base.replace('"clientExtra":{}', `"clientExtra":{"x":${deepText(10_000, 'array')}}`)],
    ['action.params', base.replace('"params":{},', `"params":{"x":${deepText(10_000, 'array')}},`)],
    ['action.detailParams', base.replace('"detailParams":{}', `"detailParams":{"x":{"value":${deepText(10_000, 'object')}}}`)],
    ['contexts', base.replace('"contexts":[]', `"contexts":[{"name":"a","params":{"p":{"value":${deepText(10_000, 'array')}}}}]`)],
    ['zzz', base.replace(/}$/, `,"zzz":${deepText(10_000, 'array')}}`)],
  ])('10,000 levels under %s get 400 too_deeply_nested naming where', async (where, body) => {
    const error = await expectError({ headers: JSON_TYPE, body }, 400, 'too_deeply_nested');
    expect(error.path?.startsWith(where)).toBe(true);
    expect(error.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(error.maxDepth).toBe(MAX_JSON_DEPTH);
  });

  it(`accepts a body exactly ${MAX_JSON_DEPTH} levels deep and refuses one level more`, async () => {
    // root, action and clientExtra are levels 1-3; the arrays inside clientExtra.x start at level 4.
    const withArrays = (n: number) => base.replace('"clientExtra":{}', `"clientExtra":{"x":${deepText(n, 'array')}}`);
    await expectReply({ headers: JSON_TYPE, body: withArrays(MAX_JSON_DEPTH - 3) });
    await expectError({ headers: JSON_TYPE, body: withArrays(MAX_JSON_DEPTH - 2) }, 400, 'too_deeply_nested');
  });

  it('findTooDeep walks a 1,000,000-level value without recursion and reports a short path', () => {
    const value: unknown = JSON.parse(deepText(1_000_000, 'array'));
    expect(findTooDeep(value, 64)).toHaveLength(64);
    expect(findTooDeep(JSON.parse(deepText(64, 'object')), 64)).toBeUndefined();
    expect(findTooDeep('not a container', 1)).toBeUndefined();
  });
});

describe('compressed and falsely compressed bodies', () => {
  it('answers a gzip-compressed payload', async () => {
    await expectReply({ headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: zlib.gzipSync(payloadText()) });
  });

  it.each(['gzip', 'deflate', 'br'])('refuses a body that does not decompress as %s with 400 undecodable_body', async (encoding) => {
    const error = await expectError({ headers: { ...JSON_TYPE, 'content-encoding': encoding }, body: payloadText() }, 400, 'undecodable_body');
    expect(error.message).toMatch(/does not decompress/);
  });

  it('stops a gzip bomb at the body limit (413), counting decompressed bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expectError({ headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: bomb }, 413, 'body_too_large');
  });

  it('refuses an unknown content encoding with 415', async () => {
    await expectError({ headers: { ...JSON_TYPE, 'content-encoding': 'x-unknown' }, body: payloadText() }, 415, 'unsupported_encoding');
  });
});

describe('numbers too large for a double', () => {
  it('answers when a number field we only read is 1e400 (JSON.parse gives Infinity: read as absent)', async () => {
    const payload = kakaoPayload('환불') as Record<string, unknown>;
    const text = JSON.stringify({
      ...payload,
      intent: { id: 'i', name: 'n', extra: { reason: { code: 1, message: 'OK' } } },
      contexts: [{ name: 'ordering', lifespan: 5, ttl: 600, params: {} }],
    })
      .replace('"lifespan":5', '"lifespan":1e400')
      .replace('"ttl":600', '"ttl":-1e400')
      .replace('"code":1', '"code":1e400');
    expect(text).toContain('1e400');
    await expectReply({ headers: JSON_TYPE, body: text });
  });
});

describe('duplicate keys: the last one wins, as in JSON.parse', () => {
  it('answers when the last "utterance" is a string, even if an earlier one is not', async () => {
    const body = payloadText().replace('"utterance":"환불"', '"utterance":42,"utterance":"환불"');
    await expectReply({ headers: JSON_TYPE, body });
  });

  it('refuses, naming the field, when the last "utterance" is not a string', async () => {
    const body = payloadText().replace('"utterance":"환불"', '"utterance":"환불","utterance":42');
    const error = await expectError({ headers: JSON_TYPE, body }, 400, 'invalid_payload');
    expect(error.path).toBe('userRequest.utterance');
  });
});

describe('hostile text in the utterance is answered with a valid reply', () => {
  it.each(Object.entries(HOSTILE_SAMPLES))('%s', async (_name, utterance) => {
    const body = await expectReply({ headers: JSON_TYPE, body: payloadText(utterance) });
    // emoji alone are small talk (a light reply and an invitation to ask)
    expect(['answer', 'clarify', 'fallback', 'small_talk']).toContain((body.data as { outcome: string }).outcome);
  });

  it('reads invalid UTF-8 bytes inside a string as U+FFFD and still answers', async () => {
    const [head, tail] = payloadText('환불XX').split('XX') as [string, string];
    await expectReply({ headers: JSON_TYPE, body: Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xc3, 0xed, 0xa0, 0x80]), Buffer.from(tail)]) });
  });
});

describe('content types and charsets', () => {
  it.each([
    ['application/json; charset=utf-8', 200, undefined],
    ['Application/JSON', 200, undefined],
    ['text/plain', 415, 'unsupported_media_type'],
    ['application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    ['application/vnd.api+json', 415, 'unsupported_media_type'],
    ['application/json; charset=latin1', 415, 'unsupported_encoding'],
    [undefined, 415, 'unsupported_media_type'],
  ])('Content-Type %p → %p', async (contentType, status, code) => {
    const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
    const request = { headers, body: payloadText() };
    if (status === 200) await expectReply(request);
    else await expectError(request, status, code!);
  });

  it('decodes a UTF-16 body when the charset says so', async () => {
    await expectReply({ headers: { 'content-type': 'application/json; charset=utf-16' }, body: Buffer.from(`\ufeff${payloadText()}`, 'utf16le') });
  });
});

it('ignores a UTF-8 BOM before the JSON (the body decoder strips it)', async () => {
  await expectReply({ headers: JSON_TYPE, body: `\ufeff${payloadText()}` });
});

describe('malformed JSON gets 400 invalid_json with the parser position', () => {
  it.each([
    ['truncated', payloadText().slice(0, 40)],
    ['a trailing comma', '{"userRequest":{"utterance":"x",}}'],
    ['two documents', '{"a":1}{"b":2}'],
    ['single quotes', "{'userRequest':{'utterance':'x'}}"],
    ['NaN', 'NaN'],
  ])('%s', async (_name, body) => {
    const error = await expectError({ headers: JSON_TYPE, body }, 400, 'invalid_json');
    expect(error.message).toMatch(/not valid JSON/);
  });
});
