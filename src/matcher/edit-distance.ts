/**
 * Approximate substring matching for fuzzy evidence (./fuzzy.ts): the fewest edits that turn a pattern into some
 * substring of a text. This is what fuse.js's Bitap search decides with `ignoreLocation` (its score is that
 * number of edits ÷ the pattern's length); Myers' bit-parallel algorithm gives the same number in one pass over
 * the text, without building a Fuse collection per query word (that was most of a fuzzy lookup's time).
 */

/** Longest pattern: one bit per pattern character in a 32-bit word (fuse.js's Bitap search too; it splits longer ones). */
export const MAX_PATTERN = 32;

/** Bits of the pattern's characters by UTF-16 code (set for the current pattern only, cleared after). */
const positions = new Int32Array(0x10000);

/**
 * The fewest insertions, deletions and substitutions of UTF-16 units that turn `pattern` (1 to
 * {@link MAX_PATTERN} units) into a substring of `text`, for each of `texts`, written to `out`.
 */
export function substringDistances(pattern: string, texts: readonly string[], out: Int32Array): void {
  const m = pattern.length;
  if (m < 1 || m > MAX_PATTERN) throw new RangeError(`pattern length ${m} is not in 1..${MAX_PATTERN}`);
  for (let i = 0; i < m; i++) positions[pattern.charCodeAt(i)]! |= 1 << i;
  try {
    for (let t = 0; t < texts.length; t++) out[t] = distanceIn(m, texts[t]!);
  } finally {
    for (let i = 0; i < m; i++) positions[pattern.charCodeAt(i)] = 0;
  }
}

/**
 * Myers (1999), search form: column by column of the edit-distance matrix of the pattern against the text, with
 * row 0 all zeros (a match may start anywhere), kept as vertical +1/−1 deltas in two words; `score` follows the
 * last row, and its least value is the answer.
 */
function distanceIn(m: number, text: string): number {
  const all = (-1 >>> (32 - m)) | 0; // the low m bits
  const last = 1 << (m - 1);
  let plus = all; // vertical deltas +1 (column 0 is 0, 1, 2, …, m)
  let minus = 0; // vertical deltas −1
  let score = m;
  let best = m;
  for (let j = 0; j < text.length; j++) {
    const eq = positions[text.charCodeAt(j)]!;
    const xv = eq | minus;
    // the carry of an addition propagates matches down runs of +1 deltas; `^` keeps its low 32 bits
    const xh = (((eq & plus) + plus) ^ plus) | eq;
    let hPlus = minus | ~(xh | plus);
    let hMinus = plus & xh;
    if ((hPlus & last) !== 0) score++;
    else if ((hMinus & last) !== 0) score--;
    // row 0 stays 0 along the text (search, not global alignment): nothing shifts in
    hPlus <<= 1;
    hMinus <<= 1;
    plus = (hMinus | ~(xv | hPlus)) & all;
    minus = hPlus & xv & all;
    if (score < best) best = score;
  }
  return best;
}
