import { contentStems } from '../../matcher';
import { questionKey } from '../../faq/question-key';

export { questionKey };

/**
 * How alike two questions are: the Dice coefficient of the character bigrams of their content stems (the
 * matcher's own normalisation and stemming, which drops particles, endings and question boilerplate such as
 * "무엇인가요", "어떻게 하나요"), run together because Korean spacing varies ("환불 계좌" / "환불계좌").
 * Plain text similarity would call "채널추가 포인트는 무엇인가요?" and "리뷰 포인트는 무엇인가요?" 73% alike;
 * on stems they are 40% alike, while "환불 계좌는 어떻게 등록 하나요?" and "환불계좌 등록은 어떻게 해요" are 100%.
 */

/** The text two questions are compared on; the normalised question when it has no content stems at all. */
export function similarityForm(question: string): string {
  return contentStems(question).join('') || questionKey(question);
}

/** Character bigrams of a key; a one-character key is its own "bigram" so it can still be compared. */
export function bigrams(key: string): Set<string> {
  const chars = [...key];
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient 2|A∩B| / (|A|+|B|) in [0, 1]. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** Two texts by index (`a` < `b`) and their similarity in [0, 1], three decimals. */
export interface SimilarPair {
  a: number;
  b: number;
  similarity: number;
}

/**
 * All pairs of texts (by index, a < b) with similarity ≥ `threshold` whose normalised texts differ
 * (identical ones are duplicates, reported separately).
 *
 * A similarity join with prefix filtering, so a large FAQ is not compared n² times: Dice ≥ t needs an
 * overlap o ≥ t·|A|/(2−t) (as o ≤ |B|), and two sets that share at least k bigrams share one among their
 * |A|−k+1 rarest. Only those prefixes are indexed; candidates are then checked exactly.
 */
export function similarPairs(texts: readonly string[], threshold: number): SimilarPair[] {
  const keys = texts.map(questionKey);
  const sets = texts.map((t) => bigrams(similarityForm(t)));
  const frequency = new Map<string, number>();
  for (const set of sets) for (const g of set) frequency.set(g, (frequency.get(g) ?? 0) + 1);
  const rarestFirst = (x: string, y: string) => frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : x > y ? 1 : 0);

  const postings = new Map<string, number[]>();
  const pairs: SimilarPair[] = [];
  sets.forEach((set, b) => {
    const ordered = [...set].sort(rarestFirst);
    const minOverlap = Math.ceil((threshold * ordered.length) / (2 - threshold) - 1e-9);
    const prefix = ordered.slice(0, Math.max(1, ordered.length - minOverlap + 1));
    const candidates = new Set<number>();
    for (const g of prefix) {
      const list = postings.get(g);
      if (list) for (const a of list) candidates.add(a);
    }
    for (const a of candidates) {
      if (keys[a] === keys[b]) continue;
      const similarity = dice(sets[a]!, set);
      if (similarity >= threshold) pairs.push({ a, b, similarity: Math.round(similarity * 1000) / 1000 });
    }
    for (const g of prefix) {
      const list = postings.get(g);
      if (list) list.push(b);
      else postings.set(g, [b]);
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}
