import { crc32 } from 'node:zlib';
import { encodedBytes, encodeInt8 } from './int8-vector';

/**
 * The binary layout of one vector-cache file (see vector-cache.ts for how files are shared):
 *
 *   header  "KFAQVEC1" | u32 LE dims | u32 LE model name bytes | model name (UTF-8)
 *   record  32-byte SHA-256 of the text | float32 LE scale | dims × int8 | u32 LE CRC-32 of the preceding bytes
 *
 * Records have a fixed size, so a reader takes whole records and ignores a cut-off last one (a writer may be
 * appending while it reads, or died mid-write), and a record whose checksum fails is skipped on its own.
 */

const MAGIC = Buffer.from('KFAQVEC1', 'latin1');
const FIXED_HEADER_BYTES = MAGIC.length + 8;
/** Larger than any real embedding and any real model name: beyond these the header is garbage. */
const MAX_DIMS = 16_384;
const MAX_MODEL_BYTES = 1024;
export const KEY_BYTES = 32;

export const recordBytes = (dims: number): number => KEY_BYTES + encodedBytes(dims) + 4;

export function fileHeader(model: string, dims: number): Buffer {
  const name = Buffer.from(model, 'utf8');
  const fixed = Buffer.alloc(FIXED_HEADER_BYTES);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(dims, MAGIC.length);
  fixed.writeUInt32LE(name.length, MAGIC.length + 4);
  return Buffer.concat([fixed, name]);
}

/** One record per vector; `key` is the 32-byte SHA-256 (as a latin1 string, see `textKey`). */
export function encodeRecords(records: readonly { key: string; vector: ArrayLike<number> }[], dims: number): Buffer {
  const size = recordBytes(dims);
  const out = Buffer.alloc(records.length * size);
  records.forEach(({ key, vector }, i) => {
    const at = i * size;
    out.write(key, at, KEY_BYTES, 'latin1');
    encodeInt8(vector, out, at + KEY_BYTES);
    out.writeUInt32LE(crc32(out.subarray(at, at + size - 4)), at + size - 4);
  });
  return out;
}

/** What a file holds: `empty` (shorter than its header: being created), `corrupt`, or its records. */
export type ParsedFile =
  | { kind: 'empty' }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'records'; model: string; dims: number; dataStart: number; records: number };

export function parseHeader(buf: Buffer): ParsedFile {
  if (buf.length < FIXED_HEADER_BYTES) {
    // a writer creates the file and writes its header in one call; fewer bytes than that is a write in progress
    return MAGIC.subarray(0, buf.length).equals(buf) ? { kind: 'empty' } : { kind: 'corrupt', reason: 'not a vector cache file' };
  }
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return { kind: 'corrupt', reason: 'not a vector cache file' };
  const dims = buf.readUInt32LE(MAGIC.length);
  const nameBytes = buf.readUInt32LE(MAGIC.length + 4);
  if (dims === 0 || dims > MAX_DIMS || nameBytes > MAX_MODEL_BYTES) return { kind: 'corrupt', reason: 'bad header' };
  const dataStart = FIXED_HEADER_BYTES + nameBytes;
  if (buf.length < dataStart) return { kind: 'empty' };
  const model = buf.toString('utf8', FIXED_HEADER_BYTES, dataStart);
  return { kind: 'records', model, dims, dataStart, records: Math.floor((buf.length - dataStart) / recordBytes(dims)) };
}

/** Whether the record starting at `at` is intact (its checksum matches). */
export function recordIntact(buf: Buffer, at: number, dims: number): boolean {
  const size = recordBytes(dims);
  return crc32(buf.subarray(at, at + size - 4)) === buf.readUInt32LE(at + size - 4);
}
