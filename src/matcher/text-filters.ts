/**
 * Cheap tests that rule a text out before it is searched for (ranking, ./rank.ts and ./coverage.ts): a 128-bit
 * mask of the characters of a text, and a Bloom filter of its character pairs for long texts (answers). Both
 * only ever rule out: a text that passes is still searched for.
 */

/** Words of an answer's Bloom filter (see `RankData.answerMayContain`): ~4 bits per character pair, so that ~1 in 5 absent pairs passes. */
export function bloomWords(length: number): number {
  return Math.ceil(Math.max(0, length - 1) / 8);
}

/**
 * The bit of a {@link pairHash} in a filter of `bits` bits: the hash scaled to [0, bits), a multiplication where
 * `hash % bits` was an integer division on every check. Exact while `bits` ≤ 2^22 (an answer of 32 million
 * characters); beyond, rounding may move a bit but never reaches `bits`, and building and checking agree.
 */
export function bloomBit(hash: number, bits: number): number {
  return Math.floor(hash * bits * 2 ** -31);
}

/** A 31-bit hash of a pair of UTF-16 code units (multiplicative mix; enough to spread syllable pairs). */
export function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & 0x7fffffff;
}

/**
 * Writes the {@link pairHash} of every pair of adjacent characters of a text into `out` from `at`, for
 * `RankData.answerMayContain`; returns the position after the last one written.
 */
export function writePairHashes(text: string, out: Int32Array, at: number): number {
  let next = at;
  for (let k = 0; k + 1 < text.length; k++) out[next++] = pairHash(text.charCodeAt(k), text.charCodeAt(k + 1));
  return next;
}

/** Words of a character mask (128 bits). */
export const MASK_WORDS = 4;

/**
 * Sets, in the {@link MASK_WORDS} words of `out` from `at`, one bit per UTF-16 unit of `text` (a multiplicative
 * hash of its code to 0..127): a text whose mask has a bit the other's lacks cannot occur in it.
 */
export function writeCharMask(text: string, out: Int32Array, at: number): void {
  for (let k = 0; k < text.length; k++) {
    const bit = Math.imul(text.charCodeAt(k), 0x9e3779b1) >>> 25;
    out[at + (bit >>> 5)]! |= 1 << (bit & 31);
  }
}

/** True when every bit of the mask in `a` from `ai` is set in the mask in `b` from `bi` ({@link MASK_WORDS} words each). */
export function maskWithin(a: Int32Array, ai: number, b: Int32Array, bi: number): boolean {
  return ((a[ai]! & ~b[bi]!) | (a[ai + 1]! & ~b[bi + 1]!) | (a[ai + 2]! & ~b[bi + 2]!) | (a[ai + 3]! & ~b[bi + 3]!)) === 0;
}
