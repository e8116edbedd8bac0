/**
 * Per-matcher memos of query analysis by word, held by the matcher's query context (query.ts): what a word of a
 * message reads as (its stems, its term) depends only on the word and the matcher's index, lexicon and synonyms,
 * and chat reuses a small vocabulary, so each distinct word is analysed once instead of in every message (a
 * sixth of a search at 10,000 entries). The memos are bounded: past the limit they start over, so a flood of
 * made-up words cannot grow them.
 */

/** Distinct words (or terms) kept per matcher. */
const MEMO_LIMIT = 20_000;

export class WordMemo<V> {
  private readonly values = new Map<string, V>();

  /** The value for `key`, computed by `compute` on first use (an `undefined` result is kept too). */
  get(key: string, compute: () => V): V {
    const known = this.values.get(key);
    if (known !== undefined || this.values.has(key)) return known as V;
    if (this.values.size >= MEMO_LIMIT) this.values.clear();
    const value = compute();
    this.values.set(key, value);
    return value;
  }
}
