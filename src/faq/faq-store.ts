import {
  decide,
  matcherSteps,
  runToEnd,
  sliceEnds,
  type BuildSteps,
  parseSynonyms,
  type MatchHit,
  type Outcome,
  type SearchOptions,
  type SynonymTable,
  type Thresholds,
} from '../matcher';
import type { EntryVectors } from '../semantic/entry-vectors';
import type { FaqEntry, FaqFile } from './faq-schema';
import { FaqDataError, parseFaqFile, readDataFile } from './load-faq';
import { faqVersionOf } from './faq-version';
import { twinKeysOfGroups } from './question-key';
import { createRelatedFinder, relatedLookupSteps } from './related';

/** One matched entry; `confidence` in [0, 1] as computed by the matcher. */
export interface FaqHit {
  entry: FaqEntry;
  confidence: number;
}

export interface FaqMatch {
  outcome: Outcome;
  /** For `answer`, the answered entry first; for `clarify`, the candidates to offer; empty on `fallback`. */
  hits: FaqHit[];
}

/** A loaded FAQ set with its matcher index. Immutable: a reload builds a new store. */
export interface FaqStore {
  readonly size: number;
  readonly entries: readonly FaqEntry[];
  /** Content hash of the data and synonyms the store was built from (12 hex digits). */
  readonly version: string;
  get(id: string): FaqEntry | undefined;
  search(utterance: string, options?: SearchOptions): FaqHit[];
  /** The matcher's hits as ids and confidences (what `decide` and the fusion read). */
  searchRaw(utterance: string, options?: SearchOptions): MatchHit[];
  /** The lexical decision: answer, clarify or fall back. */
  match(utterance: string, options?: SearchOptions): FaqMatch;
  /** The thresholds `match` decides with. */
  readonly thresholds: Thresholds | undefined;
  /** A decision on matcher hits, with the hits turned into entries. */
  toMatch(decision: { outcome: Outcome; hits: readonly MatchHit[] }): FaqMatch;
  /** The entry vectors of exactly these entries, once built (src/semantic); undefined until then. */
  vectors(): EntryVectors | undefined;
  /** Attaches vectors built from this store's own `entries` array (any other is refused: returns false). */
  attachVectors(vectors: EntryVectors): boolean;
  /**
   * Up to `limit` other entries to suggest after answering `id`: the operator's picks first, then by category
   * proximity and matcher similarity, never another service's entry while this one has any (see related.ts).
   */
  related(id: string, limit: number): FaqEntry[];
  /** Top-level categories (services) with their entry counts, largest first. */
  topCategories(): { name: string; count: number }[];
  /** Entries whose category path starts with `path`, in data order. */
  inCategory(path: readonly string[]): FaqEntry[];
  /** The key entries asking one question per platform share (question-key.ts twinKeysOfGroups); else undefined. */
  twinKey(id: string): string | undefined;
}

export interface FaqStoreOptions {
  synonyms?: SynonymTable;
  thresholds?: Thresholds;
  /** Extra input to the version hash (e.g. the synonyms file text). */
  versionSalt?: string;
  /** `faqVersionOf(entries, versionSalt)` when already computed (off the event loop, src/faq/read-files.ts). */
  version?: string;
}

export function createFaqStore(faq: FaqFile, options: FaqStoreOptions = {}): FaqStore {
  return runToEnd(faqStoreSteps(faq, options));
}

/**
 * {@link createFaqStore} as a build that yields between slices of its work (the matcher's index, the lookups by
 * id and by category), for a server that rebuilds while it serves (src/faq/run-in-slices.ts).
 */
export function* faqStoreSteps(faq: FaqFile, options: FaqStoreOptions = {}): BuildSteps<FaqStore> {
  const entries = faq.entries;
  // by id, by question key and by position: built once, for lookups and for related questions
  const lookup = yield* relatedLookupSteps(entries);
  const byId = lookup.byId;
  const matcher = yield* matcherSteps(entries, options.synonyms ? { synonyms: options.synonyms } : {});
  const version = options.version ?? faqVersionOf(entries, options.versionSalt);

  const toHits = (hits: readonly { id: string; confidence: number }[]): FaqHit[] =>
    hits.flatMap((h) => {
      const entry = byId.get(h.id);
      return entry ? [{ entry, confidence: h.confidence }] : [];
    });

  const toMatch = (decision: { outcome: Outcome; hits: readonly MatchHit[] }): FaqMatch => ({ outcome: decision.outcome, hits: toHits(decision.hits) });
  let vectors: EntryVectors | undefined;
  let topCategories: { name: string; count: number }[] | undefined;
  let related: ((id: string, limit: number) => FaqEntry[]) | undefined;
  // Browsing and related questions look up a category's entries on every call; scanning all entries each
  // time cost more than the match itself at 10,000 entries, so every category prefix is indexed once, as part
  // of the build (done lazily, the first browse after a reload of 100,000 entries paid a second for it).
  const byCategory = yield* indexCategories(entries);
  const twinKeys = twinKeysOfGroups(lookup.byQuestion);
  const inCategory = (path: readonly string[]): FaqEntry[] => {
    if (path.length === 0) return [...entries];
    return [...(byCategory.get(path.join(CATEGORY_SEPARATOR)) ?? [])];
  };

  return {
    size: entries.length,
    entries,
    version,
    get: (id) => byId.get(id),
    search: (utterance, opts) => toHits(matcher.search(utterance, opts)),
    searchRaw: (utterance, opts) => matcher.search(utterance, opts),
    match: (utterance, opts) => toMatch(decide(matcher.search(utterance, opts), options.thresholds)),
    thresholds: options.thresholds,
    toMatch,
    vectors: () => vectors,
    attachVectors(built) {
      // vectors of another generation's entries must never answer for this one (a reload swaps both at once)
      if (built.entries !== entries) return false;
      vectors = built;
      return true;
    },
    related: (id, limit) => {
      related ??= createRelatedFinder((text, limit) => matcher.search(text, { limit }), inCategory, lookup);
      return related(id, limit);
    },
    topCategories() {
      // The FAQ skill asks on every call; counting 10,000 entries each time was a quarter of its CPU.
      topCategories ??= countTopCategories(entries);
      return topCategories.map((c) => ({ ...c }));
    },
    inCategory,
    twinKey: (id) => twinKeys.get(id),
  };
}

const CATEGORY_SEPARATOR = '\u0000';

/** Entries under every category prefix (["A"], ["A","B"], …), each list in data order. */
function* indexCategories(entries: readonly FaqEntry[]): BuildSteps<Map<string, FaqEntry[]>> {
  const index = new Map<string, FaqEntry[]>();
  for (let i = 0; i < entries.length; i++) {
    if (sliceEnds(i)) yield;
    const entry = entries[i]!;
    for (let depth = 1; depth <= entry.categories.length; depth++) {
      const key = entry.categories.slice(0, depth).join(CATEGORY_SEPARATOR);
      const list = index.get(key);
      if (list) list.push(entry);
      else index.set(key, [entry]);
    }
  }
  return index;
}

function countTopCategories(entries: readonly FaqEntry[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.categories[0]!, (counts.get(e.categories[0]!) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
}

/** Loads the FAQ data file and the synonyms file (each at most `faqMaxBytes`) and builds a store. Throws {@link FaqDataError}. */
export async function loadFaqStore(files: { faqFile: string; synonymsFile: string; faqMaxBytes?: number }): Promise<FaqStore> {
  const [faqText, synonymsText] = await Promise.all([
    readDataFile(files.faqFile, files.faqMaxBytes),
    readDataFile(files.synonymsFile, files.faqMaxBytes),
  ]);
  const faq = parseFaqFile(faqText, files.faqFile);
  let synonyms: SynonymTable;
  try {
    synonyms = parseSynonyms(JSON.parse(synonymsText));
  } catch (error) {
    throw new FaqDataError(files.synonymsFile, [(error as Error).message]);
  }
  return createFaqStore(faq, { synonyms, versionSalt: synonymsText });
}
