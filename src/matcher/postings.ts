/**
 * Storage for the candidate index: posting lists in flat typed arrays, and top-k selection.
 */

/**
 * Posting lists in compressed-sparse-row form: for feature f, entries `docs[start[f] .. start[f+1])` ascend and
 * `weights` holds their saturated BM25F term weights. One pair of flat typed arrays instead of an object per
 * n-gram keeps a 100,000-entry build fast and small.
 */
export interface Postings {
  start: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
}

/** Length of feature `id`'s list. */
export function length(p: Postings, id: number): number {
  return p.start[id + 1]! - p.start[id]!;
}

/** True when feature `id`'s list holds `doc` (binary search). */
export function contains(p: Postings, id: number, doc: number): boolean {
  let lo = p.start[id]!;
  let hi = p.start[id + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = p.docs[mid]!;
    if (v === doc) return true;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Most records per chunk of a {@link TripleBuffer}, and per slice of {@link TripleBuffer.toPostingsSteps}: a few
 * milliseconds of work. A 100,000-entry FAQ makes tens of millions of records.
 */
const CHUNK = 1 << 18;
/** The first chunk's size; each next one doubles up to {@link CHUNK}, so a small FAQ stays small. */
const FIRST_CHUNK = 1 << 10;

/**
 * Growable (feature, entry, weight, primary?) records, appended in entry order, turned into {@link Postings}.
 * Kept in chunks that are never copied rather than arrays that double: copying a doubled array of millions of
 * records, and sorting them all in one go, each held a server's event loop for 50–90 ms during a 100,000-entry
 * reload.
 */
export class TripleBuffer {
  private readonly ids: Int32Array[] = [];
  private readonly docs: Int32Array[] = [];
  private readonly weights: Float32Array[] = [];
  private readonly primary: Uint8Array[] = [];
  /** Records in the last chunk; every other chunk is full. */
  private lastCount = 0;

  push(id: number, doc: number, weight: number, primary: boolean): void {
    let chunk = this.ids.length - 1;
    if (chunk < 0 || this.lastCount === this.ids[chunk]!.length) {
      const size = Math.min(CHUNK, FIRST_CHUNK * 2 ** this.ids.length);
      this.ids.push(new Int32Array(size));
      this.docs.push(new Int32Array(size));
      this.weights.push(new Float32Array(size));
      this.primary.push(new Uint8Array(size));
      this.lastCount = 0;
      chunk++;
    }
    const at = this.lastCount++;
    this.ids[chunk]![at] = id;
    this.docs[chunk]![at] = doc;
    this.weights[chunk]![at] = weight;
    this.primary[chunk]![at] = primary ? 1 : 0;
  }

  /** Records in chunk `c`. */
  private countIn(c: number): number {
    return c === this.ids.length - 1 ? this.lastCount : this.ids[c]!.length;
  }

  /**
   * Counting sort by feature of the records into two sets of lists, those whose primary flag is set and the
   * others, in two passes over the records (count, then place); records were appended in entry order, so each
   * list comes out ascending. Yields after every chunk of records (src/matcher/build-steps.ts).
   */
  *toPostingsSteps(features: number): Generator<void, { primary: Postings; answerOnly: Postings }, void> {
    // start[flag] counts, then offsets, the lists of records with that flag (0: answer only, 1: primary)
    const start = [new Int32Array(features + 1), new Int32Array(features + 1)] as const;
    for (let c = 0; c < this.ids.length; c++) {
      const ids = this.ids[c]!;
      const flags = this.primary[c]!;
      for (let k = 0, n = this.countIn(c); k < n; k++) start[flags[k]!]![ids[k]! + 1]!++;
      yield;
    }
    const lists = start.map((offsets) => {
      for (let f = 0; f < features; f++) offsets[f + 1]! += offsets[f]!;
      return { start: offsets, docs: new Int32Array(offsets[features]!), weights: new Float32Array(offsets[features]!) };
    });
    const next = start.map((offsets) => offsets.slice(0, features));
    for (let c = 0; c < this.ids.length; c++) {
      const [ids, flags, chunkDocs, chunkWeights] = [this.ids[c]!, this.primary[c]!, this.docs[c]!, this.weights[c]!];
      for (let k = 0, n = this.countIn(c); k < n; k++) {
        const flag = flags[k]!;
        const at = next[flag]![ids[k]!]!++;
        lists[flag]!.docs[at] = chunkDocs[k]!;
        lists[flag]!.weights[at] = chunkWeights[k]!;
      }
      yield;
    }
    return { primary: lists[1]!, answerOnly: lists[0]! };
  }
}

/**
 * The `limit` best of the first `count` entries of `docs` by `scores`, best first (ties keep entry order, so
 * results are deterministic). A bounded min-heap keeps this O(n log limit) when a query touches a large part of
 * a big FAQ.
 */
export function selectTop(docs: Int32Array, count: number, scores: Float64Array, limit: number): number[] {
  const heap: number[] = [];
  if (limit <= 0) return [];
  for (let k = 0; k < count; k++) {
    const doc = docs[k]!;
    // fast path: most touched entries are far below the current top `limit`
    if (heap.length === limit && scores[doc]! < scores[heap[0]!]!) continue;
    if (heap.length < limit) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(scores, heap[i]!, heap[p]!)) break;
        swap(heap, i, p);
        i = p;
      }
    } else if (worse(scores, heap[0]!, doc)) {
      heap[0] = doc;
      siftDown(heap, scores);
    }
  }
  // popping the worst entry each time orders the rest; filling from the back puts the best first
  const out = new Array<number>(heap.length);
  for (let k = heap.length - 1; k >= 0; k--) {
    out[k] = heap[0]!;
    const last = heap.pop()!;
    if (heap.length === 0) break;
    heap[0] = last;
    siftDown(heap, scores);
  }
  return out;
}

/** Heap order: a lower score, or on a tie a later entry, is worse. */
function worse(scores: Float64Array, a: number, b: number): boolean {
  return scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
}

/** Restores the heap (worst on top) after its top was replaced. */
function siftDown(heap: number[], scores: Float64Array): void {
  for (let i = 0; ; ) {
    const l = 2 * i + 1;
    let m = i;
    if (l < heap.length && worse(scores, heap[l]!, heap[m]!)) m = l;
    if (l + 1 < heap.length && worse(scores, heap[l + 1]!, heap[m]!)) m = l + 1;
    if (m === i) return;
    swap(heap, i, m);
    i = m;
  }
}

function swap(heap: number[], i: number, j: number): void {
  const t = heap[i]!;
  heap[i] = heap[j]!;
  heap[j] = t;
}
