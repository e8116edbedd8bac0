import { unitCopy } from './unit-vector';
import { PASSAGE_KINDS, type PassageKind } from './passages';
import { passageScores } from './simd-scores';

/** One entry near a query vector. */
export interface EntryNeighbour {
  /** Position in the entries the vectors were built from. */
  index: number;
  id: string;
  /** Cosine of the query and the entry's best passage, in [-1, 1]. */
  similarity: number;
  /** Which passage of the entry that was. */
  kind: PassageKind;
}

/** The arrays `nearestEntries` scans (an `EntryVectors` is one). */
export interface PassageMatrix {
  readonly dims: number;
  readonly entries: readonly { readonly id: string }[];
  readonly passageCount: number;
  /** `passageCount × dims` floats, passage p at `p × dims`. */
  readonly vectors: Float32Array;
  /** Index into `entries` of each passage; non-decreasing (an entry's passages are adjacent). */
  readonly passageEntry: Uint32Array;
  /** Index into {@link PASSAGE_KINDS} of each passage. */
  readonly passageKind: Uint8Array;
}

/**
 * Exhaustive search: one dot product per passage (about 8 million multiply-adds for 10,000 entries), by the
 * SIMD kernel when the vectors live in its memory (simd-scores.ts), else by a plain loop. An entry's passages
 * are adjacent, so its best one is known as soon as the scan leaves it, and only `k` candidates are kept.
 */
export function nearestEntries(m: PassageMatrix, query: Float32Array, k: number): EntryNeighbour[] {
  const { dims, vectors, passageEntry, passageKind, passageCount } = m;
  if (query.length !== dims) throw new RangeError(`query vector has dimension ${query.length}, the entry vectors ${dims}`);
  if (!(k >= 1) || passageCount === 0) return [];
  const q = unitCopy(query);
  if (!q) return [];

  // the best k so far, best first, as parallel arrays (k is a handful)
  const topEntry: number[] = [];
  const topScore: number[] = [];
  const topPassage: number[] = [];
  const offer = (entry: number, score: number, passage: number) => {
    if (topScore.length === k && score <= topScore[k - 1]!) return;
    let at = topScore.length;
    while (at > 0 && topScore[at - 1]! < score) at--;
    topEntry.splice(at, 0, entry);
    topScore.splice(at, 0, score);
    topPassage.splice(at, 0, passage);
    if (topScore.length > k) {
      topEntry.pop();
      topScore.pop();
      topPassage.pop();
    }
  };

  const scores = passageScores(vectors, q) ?? scoresByLoop(vectors, q, passageCount, dims);
  let entry = passageEntry[0]!;
  let best = -Infinity;
  let bestPassage = 0;
  for (let p = 0; p < passageCount; p++) {
    if (passageEntry[p] !== entry) {
      offer(entry, best, bestPassage);
      entry = passageEntry[p]!;
      best = -Infinity;
    }
    const score = scores[p]!;
    if (score > best) {
      best = score;
      bestPassage = p;
    }
  }
  offer(entry, best, bestPassage);

  return topEntry.map((index, r) => ({
    index,
    id: m.entries[index]!.id,
    similarity: Math.min(1, Math.max(-1, topScore[r]!)),
    kind: PASSAGE_KINDS[passageKind[topPassage[r]!]!]!,
  }));
}

function scoresByLoop(vectors: Float32Array, q: Float32Array, passageCount: number, dims: number): Float64Array {
  const scores = new Float64Array(passageCount);
  for (let p = 0; p < passageCount; p++) {
    const base = p * dims;
    // four running sums: V8 keeps them in registers and the additions do not wait on each other
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = 0;
    for (; i + 3 < dims; i += 4) {
      s0 += vectors[base + i]! * q[i]!;
      s1 += vectors[base + i + 1]! * q[i + 1]!;
      s2 += vectors[base + i + 2]! * q[i + 2]!;
      s3 += vectors[base + i + 3]! * q[i + 3]!;
    }
    for (; i < dims; i++) s0 += vectors[base + i]! * q[i]!;
    scores[p] = s0 + s1 + s2 + s3;
  }
  return scores;
}
