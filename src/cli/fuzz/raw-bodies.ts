import zlib from 'node:zlib';
import fc from 'fast-check';
import { fullPayload } from './payloads';
import type { RawRequest } from './target';

/**
 * Bodies that are not (quite) JSON, and headers that lie about them: truncated and spliced bytes,
 * invalid UTF-8, BOMs, concatenated documents, wrong content types and charsets, compressed and
 * falsely-compressed bodies.
 */

export const CONTENT_TYPES: readonly (string | undefined)[] = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'Application/JSON',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'application/json; charset="utf-8"; q=0.5',
  'application/json, text/plain',
  'text/plain',
  'text/json',
  'text/html; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/*',
  '*/*',
  ';;;',
  '',
  undefined,
];

/** Byte sequences worth splicing into JSON text. */
const NASTY_BYTES: readonly number[][] = [
  [0x7b], [0x7d], [0x5b], [0x5d], [0x22], [0x5c], [0x2c], [0x3a], [0x00], [0x0a], [0x1b],
  [0xef, 0xbb, 0xbf], // UTF-8 BOM
  [0xed, 0xa0, 0x80], // a surrogate encoded as UTF-8 (invalid)
  [0xc3], // a truncated two-byte sequence
  [0xff, 0xfe], // a UTF-16 BOM
  [0xe9], // é in Latin-1
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
];

const WHOLE_BODIES: readonly string[] = [
  '',
  'null',
  'NaN',
  'undefined',
  '{}',
  '[]',
  '"str"',
  '{"a":1}{"b":2}',
  "{'userRequest':{'utterance':'x'}}",
  '{"userRequest":{"utterance":"x",}}',
  '{"userRequest":{"utterance":"x"}}garbage',
  '\ufeff{"userRequest":{"utterance":"x"}}',
  '{"userRequest":{"utterance":"\\ud800"}}',
  '{"userRequest":{"utterance":"\\x41"}}',
  '{"userRequest":{"utterance":1e99999}}',
  '{"userRequest":{"utterance":"x"},"__proto__":{"polluted":true}}',
];

type BodyEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number };

const bodyEdit: fc.Arbitrary<BodyEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.constantFrom(...NASTY_BYTES), fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
);

function applyEdits(body: Buffer, edits: readonly BodyEdit[]): Buffer {
  let out = body;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % out.length;
    if (edit.kind === 'truncate') out = out.subarray(0, at);
    else if (edit.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(edit.bytes), out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at + edit.length)]);
  }
  return out;
}

type Encoding = 'none' | 'gzip' | 'deflate' | 'br' | 'gzip-lie' | 'identity' | 'x-unknown';

function encode(body: Buffer, encoding: Encoding): { body: Buffer; header?: string } {
  switch (encoding) {
    case 'none':
      return { body };
    case 'gzip':
      return { body: zlib.gzipSync(body), header: 'gzip' };
    case 'deflate':
      return { body: zlib.deflateSync(body), header: 'deflate' };
    case 'br':
      return { body: zlib.brotliCompressSync(body), header: 'br' };
    case 'gzip-lie':
      return { body, header: 'gzip' };
    default:
      return { body, header: encoding };
  }
}

export interface RawCase {
  request: RawRequest;
  /** For reports: what was done to the body. */
  description: string;
}

export const rawCase: fc.Arbitrary<RawCase> = fc
  .record({
    source: fc.oneof(
      { weight: 5, arbitrary: fc.constant<string | undefined>(undefined) },
      { weight: 2, arbitrary: fc.constantFrom(...WHOLE_BODIES) },
      { weight: 2, arbitrary: fc.oneof(fc.json(), fc.string({ unit: 'binary' })) },
    ),
    edits: fc.array(bodyEdit, { maxLength: 3 }),
    contentType: fc.oneof({ weight: 3, arbitrary: fc.constant('application/json') }, { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
    encoding: fc.oneof(
      { weight: 6, arbitrary: fc.constant<Encoding>('none') },
      { weight: 1, arbitrary: fc.constantFrom<Encoding>('gzip', 'deflate', 'br', 'gzip-lie', 'identity', 'x-unknown') },
    ),
  })
  .map(({ source, edits, contentType, encoding }) => {
    const text = source ?? JSON.stringify(fullPayload('환불 계좌'));
    const edited = applyEdits(Buffer.from(text, 'utf8'), edits);
    const encoded = encode(edited, encoding);
    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers['content-type'] = contentType;
    if (encoded.header) headers['content-encoding'] = encoded.header;
    return {
      request: { headers, body: encoded.body },
      description: `${source === undefined ? 'payload' : JSON.stringify(source.slice(0, 60))} edits=${JSON.stringify(edits)} type=${contentType} encoding=${encoding}`,
    };
  });
