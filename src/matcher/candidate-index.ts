/**
 * Candidate stage: an inverted index from character n-grams of FAQ stems to entries, scored BM25F-style.
 * Queries touch only the posting lists of their own n-grams, so cost grows with the number of entries that
 * share a query's n-grams, not with the size of the FAQ.
 */
import { sliceEnds, type BuildSteps } from './build-steps';
import { contains, length, selectTop, TripleBuffer, type Postings } from './postings';

/** Text fields of an entry as stems, with the BM25F weight of each field. */
export interface IndexedFields {
  /** Stems of question, alternate questions and keywords: what the entry is about. */
  title: readonly string[];
  /** Stems of the category path (service, menu, platform). */
  categories: readonly string[];
  /** Stems of the answer body: weak evidence, it mentions many things in passing. */
  answer: readonly string[];
}

/**
 * BM25F field weights of the candidate stage (a term in the title counts 3×): they only pick the shortlist.
 * Not `EVIDENCE_WEIGHT` of rank.ts, which scales evidence into a confidence and has other values.
 */
const BM25F_FIELD_WEIGHT = { title: 3, categories: 1.5, answer: 0.6 } as const;
/** BM25F length normalisation per field (0: none, 1: full). */
const BM25F_FIELD_B = { title: 0.5, categories: 0.3, answer: 0.75 } as const;
const K1 = 1.2;
/**
 * Above this many entries, n-grams found in more than {@link COMMON_SHARE} of them are skipped: their IDF is
 * tiny, so they rank nothing, but walking their posting lists would dominate query time.
 */
const LARGE_INDEX = 2000;
const COMMON_SHARE = 0.1;
/** Past this posting length a stem's document frequency is estimated by its rarest n-gram (an upper bound). */
const EXACT_DF_LIMIT = 1000;
const DF_CACHE_SIZE = 50_000;
/** Answer-only posting lists longer than max(ANSWER_ONLY_MIN, ANSWER_ONLY_SHARE × entries) are not walked. */
const ANSWER_ONLY_MIN = 200;
const ANSWER_ONLY_SHARE = 0.005;
/** Size of the packed character alphabet; the last key marks one-syllable features. */
const CHAR_KEYS = 32768;
const SINGLE = CHAR_KEYS - 1;

/**
 * Number of index features of a stem: its syllable bigrams ("환불계좌" → 환불 불계 계좌), or the syllable itself
 * for a one-syllable stem ("봇"). Bigrams inside stems make matching independent of spacing: "교환접수건반품변경"
 * still shares 교환, 반품, 변경 with "교환에서 반품으로 변경". A feature is a number (two packed character
 * keys, see {@link charKey}), so building a large index allocates no strings; they are read one by one with
 * {@link featureAt}, so that a query allocates no array per form of every word.
 */
export function featureCount(stem: string): number {
  return stem.length === 1 ? 1 : Math.max(0, stem.length - 1);
}

/** Feature i of a stem, 0 ≤ i < {@link featureCount}(stem). */
export function featureAt(stem: string, i: number): number {
  if (stem.length === 1) return charKey(stem.charCodeAt(0)) * CHAR_KEYS + SINGLE;
  return charKey(stem.charCodeAt(i)) * CHAR_KEYS + charKey(stem.charCodeAt(i + 1));
}

/** All features of a stem, in order. */
export function featuresOf(stem: string): number[] {
  const out: number[] = [];
  for (let i = 0, n = featureCount(stem); i < n; i++) out.push(featureAt(stem, i));
  return out;
}

/**
 * Packs a UTF-16 code unit into 15 bits so that a pair fits a V8 small integer (fast Map keys, no boxing):
 * Hangul syllables and everything below U+3200 (Latin, digits, jamo) are exact; rarer scripts share keys,
 * which at worst adds a little noise to candidate scores (re-ranking compares real strings).
 */
function charKey(code: number): number {
  if (code >= 0xac00 && code <= 0xd7a3) return code - 0xac00;
  if (code < 0x3200) return 11172 + code;
  return 11172 + 0x3200 + (code % (SINGLE - 11172 - 0x3200));
}

/**
 * Inverted n-gram index over entries (referred to by position). Immutable once built. Each n-gram has two
 * posting lists: entries with it in the title or categories (always walked) and entries with it only in the
 * answer (walked only when short, i.e. for rare words: common answer words would dominate query time and say
 * little).
 */
export class CandidateIndex {
  readonly size: number;
  private readonly ids: Map<number, number>;
  private readonly primary: Postings;
  private readonly answerOnly: Postings;
  private readonly idf: Float32Array;
  private readonly scratch: Float64Array;
  private readonly touched: Int32Array;
  private readonly dfCache = new Map<string, number>();
  private readonly answerOnlyLimit: number;

  /** Use {@link candidateIndexSteps} to build one. */
  constructor(parts: CandidateIndexParts) {
    this.size = parts.size;
    this.ids = parts.ids;
    this.primary = parts.primary;
    this.answerOnly = parts.answerOnly;
    this.idf = parts.idf;
    this.scratch = new Float64Array(parts.size);
    this.touched = new Int32Array(parts.size);
    this.answerOnlyLimit = Math.max(ANSWER_ONLY_MIN, parts.size * ANSWER_ONLY_SHARE);
  }

  /** IDF of a stem that occurs in no entry: the ceiling that {@link stemIdf} values are divided by. */
  get unknownIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /**
   * Approximate number of entries containing a stem: entries holding all of its n-grams (a superset of true
   * substring matches, exact for short stems). Intersects from the shortest posting list; cached (bounded).
   */
  stemDf(stem: string): number {
    const cached = this.dfCache.get(stem);
    if (cached !== undefined) return cached;
    // bounded: arbitrary user input must not grow memory without limit
    if (this.dfCache.size >= DF_CACHE_SIZE) this.dfCache.clear();
    const df = this.computeDf(stem);
    this.dfCache.set(stem, df);
    return df;
  }

  /** BM25 IDF of a stem from {@link stemDf}, in [0, {@link unknownIdf}]. */
  stemIdf(stem: string): number {
    const df = this.stemDf(stem);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * The `limit` entries sharing features with the query that score best, best first. `features` maps a feature
   * to the weight of the query word it came from (1 for a typed word, less for a synonym or a typo correction).
   */
  search(features: ReadonlyMap<number, number>, limit: number): number[] {
    let count = 0;
    for (const [feature, queryWeight] of features) {
      const id = this.ids.get(feature);
      if (id === undefined) continue;
      if (this.size > LARGE_INDEX && this.dfOf(id) > this.size * COMMON_SHARE && features.size > 1) continue;
      const w = this.idf[id]! * queryWeight;
      count = this.walk(this.primary, id, w, count);
      if (length(this.answerOnly, id) <= this.answerOnlyLimit) count = this.walk(this.answerOnly, id, w, count);
    }
    const out = selectTop(this.touched, count, this.scratch, limit);
    for (let k = 0; k < count; k++) this.scratch[this.touched[k]!] = 0;
    return out;
  }

  /** Adds `w` × the list's weights to the scores of feature `id`'s entries; returns the new touched count. */
  private walk(p: Postings, id: number, w: number, touchedCount: number): number {
    const { start, docs, weights } = p;
    const scores = this.scratch;
    const touched = this.touched;
    let count = touchedCount;
    for (let k = start[id]!, end = start[id + 1]!; k < end; k++) {
      const doc = docs[k]!;
      if (scores[doc] === 0) touched[count++] = doc;
      scores[doc] = scores[doc]! + w * weights[k]!;
    }
    return count;
  }

  private dfOf(id: number): number {
    return documentFrequency(this.primary, this.answerOnly, id);
  }

  private computeDf(stem: string): number {
    const ids = [...new Set(featuresOf(stem))].map((f) => this.ids.get(f));
    if (ids.length === 0 || ids.some((id) => id === undefined)) return 0;
    const sorted = (ids as number[]).sort((a, b) => this.dfOf(a) - this.dfOf(b));
    const [first, ...rest] = sorted;
    if (first === undefined) return 0;
    if (rest.length === 0 || this.dfOf(first) > EXACT_DF_LIMIT) return this.dfOf(first);
    const has = (id: number, doc: number) => contains(this.primary, id, doc) || contains(this.answerOnly, id, doc);
    let count = 0;
    for (const p of [this.primary, this.answerOnly]) {
      for (let k = p.start[first]!, end = p.start[first + 1]!; k < end; k++) {
        const doc = p.docs[k]!;
        if (rest.every((id) => has(id, doc))) count++;
      }
    }
    return count;
  }
}

/** What a built index holds (see {@link candidateIndexSteps}). */
interface CandidateIndexParts {
  size: number;
  ids: Map<number, number>;
  primary: Postings;
  answerOnly: Postings;
  idf: Float32Array;
}


/** Builds an index over `docs` (referred to by position), yielding between slices of entries. */
export function* candidateIndexSteps(docs: readonly IndexedFields[]): BuildSteps<CandidateIndex> {
  const ids = new Map<number, number>();
  const fields = ['title', 'categories', 'answer'] as const;
  const avg = Object.fromEntries(
    fields.map((f) => [f, docs.reduce((n, d) => n + d[f].length, 0) / Math.max(1, docs.length) || 1]),
  ) as Record<(typeof fields)[number], number>;
  const triples = new TripleBuffer();
  // per-entry scratch indexed by feature id (dense), instead of a Map per entry
  let pseudoTf = new Float64Array(1024);
  let inPrimary = new Uint8Array(1024);
  const seen: number[] = [];
  // feature ids of each distinct stem, looked up once: a large FAQ repeats a small vocabulary
  const stemIds = new Map<string, Int32Array>();
  const idsOf = (stem: string) => {
    let stemFeatures = stemIds.get(stem);
    if (stemFeatures === undefined) {
      stemFeatures = Int32Array.from(featuresOf(stem), (feature) => {
        let id = ids.get(feature);
        if (id === undefined) ids.set(feature, (id = ids.size));
        return id;
      });
      stemIds.set(stem, stemFeatures);
      while (ids.size > pseudoTf.length) [pseudoTf, inPrimary] = [grow(pseudoTf), grow(inPrimary)];
    }
    return stemFeatures;
  };
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    for (const f of fields) {
      const add = BM25F_FIELD_WEIGHT[f] / (1 - BM25F_FIELD_B[f] + (BM25F_FIELD_B[f] * doc[f].length) / avg[f]);
      const primary = f !== 'answer' ? 1 : 0;
      for (const stem of doc[f]) {
        const stemFeatures = idsOf(stem);
        for (let k = 0; k < stemFeatures.length; k++) {
          const id = stemFeatures[k]!;
          if (pseudoTf[id] === 0) seen.push(id);
          pseudoTf[id] = pseudoTf[id]! + add;
          inPrimary[id] = inPrimary[id]! | primary;
        }
      }
    }
    for (const id of seen) {
      const tf = pseudoTf[id]!;
      triples.push(id, i, (tf * (K1 + 1)) / (tf + K1), inPrimary[id] === 1);
      pseudoTf[id] = 0;
      inPrimary[id] = 0;
    }
    seen.length = 0;
    if (sliceEnds(i)) yield;
  }
  const { primary, answerOnly } = yield* triples.toPostingsSteps(ids.size);
  const idf = new Float32Array(ids.size);
  for (let id = 0; id < ids.size; id++) {
    const df = documentFrequency(primary, answerOnly, id);
    idf[id] = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
  }
  return new CandidateIndex({ size: docs.length, ids, primary, answerOnly, idf });
}

function documentFrequency(primary: Postings, answerOnly: Postings, id: number): number {
  return length(primary, id) + length(answerOnly, id);
}

/** A typed array of twice the length with the same prefix. */
function grow<T extends Float64Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
