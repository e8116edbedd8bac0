/**
 * The matcher's one entry point: build once from FAQ entries, then `search(utterance)` → ranked hits with a
 * calibrated `confidence`. See README.md in this folder for the pipeline and the calibration.
 */
import { CandidateIndex, featuresOf, type IndexedFields } from './candidate-index';
import { Lexicon } from './lexicon';
import { compact, hasNegation, normalizeText, stemsOfNormalized, toJamo } from './normalize';
import { analyzeQuery, type AnalyzedQuery, type QueryContext } from './query';
import { PLATFORMS, rank, type RankDoc, type Ranked } from './rank';
import { buildSynonymIndex, type SynonymTable } from './synonyms';

/** The fields of an FAQ entry the matcher reads (a structural subset of `FaqEntry`). */
export interface MatchDocument {
  id: string;
  question: string;
  alternateQuestions: readonly string[];
  keywords: readonly string[];
  /** Category path, root first: service, menu, and sometimes platform (iOS / 안드로이드 / Windows). */
  categories: readonly string[];
  answer: string;
}

/** One matched entry. `confidence` is in [0, 1], higher is better; comparable across queries. */
export interface MatchHit {
  id: string;
  confidence: number;
}

/** Per-query options of {@link Matcher.search}. */
export interface SearchOptions {
  /** Maximum number of hits, default 5. */
  limit?: number;
  /**
   * Category path of the entry answered in the previous turn. A mild prior for follow-ups such as
   * "그럼 취소는요?": entries sharing that path gain a little confidence, never enough to beat a clear match.
   */
  contextCategories?: readonly string[];
}

/** A built FAQ index. Immutable; build a new one to reload. */
export interface Matcher {
  /** Number of indexed entries. */
  readonly size: number;
  /**
   * Ranked hits for an utterance, best first, at most `limit`, only entries with some evidence.
   * Empty, whitespace-, punctuation- or emoji-only input returns [] (never "everything").
   */
  search(utterance: string, options?: SearchOptions): MatchHit[];
}

/** Build options of {@link createMatcher}. */
export interface MatcherOptions {
  /** Groups of interchangeable terms (see `parseSynonyms` and data/synonyms.json). */
  synonyms?: SynonymTable;
}

const DEFAULT_LIMIT = 5;
/** Shortlist size for re-ranking: enough to survive BM25 mistakes, small enough to keep fuse.js cheap. */
const SHORTLIST = 40;
/** Characters of an utterance that are read (Kakao allows long messages; questions are short). */
const MAX_UTTERANCE = 1000;
/** Entries sampled to warm the query code up after a build (see warmUp). */
const WARM_UP_ENTRIES = 30;

/**
 * Builds a matcher over FAQ entries (in any number; the candidate index scales with the vocabulary,
 * re-ranking only ever sees a fixed-size shortlist).
 */
export function createMatcher(docs: readonly MatchDocument[], options: MatcherOptions = {}): Matcher {
  const explain = explainMatches(docs, options);
  const contentKey = twinKeys(docs);
  warmUp(docs, explain);
  return {
    size: docs.length,
    search(utterance, searchOptions = {}) {
      const requested = Math.floor(searchOptions.limit ?? DEFAULT_LIMIT);
      const limit = Number.isFinite(requested) ? Math.max(0, requested) : DEFAULT_LIMIT;
      if (limit === 0 || typeof utterance !== 'string') return [];
      const hits: MatchHit[] = [];
      const seen = new Set<number>();
      for (const r of explain(utterance, searchOptions).ranked) {
        if (hits.length >= limit) break;
        // An entry filed twice with the same question and answer (one text under two services) is one
        // answer to the user: offering both would be a pointless "which one?" between identical cards.
        const key = contentKey[r.doc]!;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ id: docs[r.doc]!.id, confidence: round(r.confidence) });
      }
      return hits;
    },
  };
}

/**
 * The matcher with its working shown: the analysed query and every shortlisted entry with its evidence,
 * best first. For tests and threshold tuning; `createMatcher` is the API.
 * @internal
 */
export function explainMatches(
  docs: readonly MatchDocument[],
  options: MatcherOptions = {},
): (utterance: string, searchOptions?: SearchOptions) => { query: AnalyzedQuery; ranked: Ranked[] } {
  const { ctx, rankDocs } = buildIndex(docs, options);
  return (utterance, searchOptions = {}) => {
    // a chat message longer than this is a paste, not a question; clipping bounds the work per query
    const text = typeof utterance === 'string' ? utterance.slice(0, MAX_UTTERANCE) : '';
    const query = analyzeQuery(text, ctx);
    if (query.terms.length === 0) return { query, ranked: [] };
    const features = new Map<number, number>();
    for (const term of query.terms) {
      for (const { form, quality } of term.forms) {
        for (const f of featuresOf(form)) features.set(f, Math.max(features.get(f) ?? 0, quality));
      }
    }
    const limit = Math.max(SHORTLIST, searchOptions.limit ?? 0);
    const shortlist = ctx.index.search(features, limit).map((c) => c.doc);
    const context = (searchOptions.contextCategories ?? []).map((c) => compact(normalizeText(c)));
    const ranked = rank(query, shortlist, rankDocs, context)
      .filter((r) => r.confidence > 0)
      .sort((a, b) => b.confidence - a.confidence || a.doc - b.doc);
    return { query, ranked };
  };
}

/**
 * Indexing, kept in its own function so that its intermediate arrays (all stems of all answers) are garbage
 * once the matcher is built instead of living on in the search closure.
 */
function buildIndex(
  docs: readonly MatchDocument[],
  options: MatcherOptions,
): { ctx: QueryContext; rankDocs: RankDoc[] } {
  // normalise every field once; stems and the compact strings for containment checks both come from it
  const normalized = docs.map((d) => ({
    titles: [d.question, ...d.alternateQuestions].map(normalizeText),
    keywords: d.keywords.map(normalizeText),
    categories: d.categories.map(normalizeText),
    answer: normalizeText(d.answer),
  }));
  const memo = new Map<string, string | null>();
  const stems = (text: string) => stemsOfNormalized(text, memo);
  const stemmed = normalized.map((n) => ({
    titleVariants: n.titles.map(stems),
    keywords: n.keywords.flatMap(stems),
    categories: n.categories.flatMap(stems),
    answer: stems(n.answer),
  }));
  const fields: IndexedFields[] = stemmed.map((s) => ({
    title: [...s.titleVariants.flat(), ...s.keywords],
    categories: s.categories,
    answer: s.answer,
  }));
  const index = new CandidateIndex(fields);
  const lexicon = new Lexicon(
    (function* () {
      for (const f of fields) yield* [...f.title, ...f.categories];
    })(),
    (function* () {
      for (const f of fields) yield* f.answer;
    })(),
  );
  const ctx: QueryContext = { index, lexicon, synonyms: buildSynonymIndex(options.synonyms ?? []) };
  const unknownIdf = index.unknownIdf;
  const idfCache = new Map<string, number>();
  const stemIdf = (stem: string) => {
    let idf = idfCache.get(stem);
    if (idf === undefined) idfCache.set(stem, (idf = index.stemIdf(stem)));
    return idf;
  };
  const rankDocs: RankDoc[] = normalized.map((n, i) => {
    const titles = [...n.titles, ...n.keywords].map(compact);
    const categories = n.categories.map(compact);
    return {
      titles,
      categories,
      answer: compact(n.answer),
      titleStems: stemmed[i]!.titleVariants.map((stems) =>
        // flattened IDF: every word of a question matters for "does the query say all of this?", even 월렛
        [...new Set(stems)].map((stem) => ({ stem, weight: 0.5 + (0.5 * stemIdf(stem)) / unknownIdf })),
      ),
      fuzzyTexts: lazy(() => [
        ...titles.map((t) => ({ text: toJamo(t), field: 'title' as const })),
        ...categories.map((c) => ({ text: toJamo(c), field: 'categories' as const })),
      ]),
      platform: categories.map((c) => PLATFORMS[c]).find((p) => p !== undefined),
      negated: n.titles.some(hasNegation),
    };
  });
  return { ctx, rankDocs };
}

/**
 * Runs a few searches made from the entries themselves (spaced, run together, 초성, misspelt, off-topic), so
 * that V8 has compiled every path of the query code before the first user message; otherwise the first few
 * hundred messages pay for it (several ms each). Costs a few milliseconds per build.
 */
function warmUp(docs: readonly MatchDocument[], explain: ReturnType<typeof explainMatches>): void {
  const step = Math.max(1, Math.floor(docs.length / WARM_UP_ENTRIES));
  for (let i = 0; i < docs.length; i += step) {
    const question = docs[i]!.question;
    for (const variant of [question, compact(question), `${question.slice(0, 6)}ㅠㅠ 어케 해요`]) explain(variant);
  }
  for (const text of ['ㅎㅂ ㄱㅈ', 'ghksqnf rPwhk', '헤제 방법', '안녕하세요 오늘 날씨', '😊']) explain(text);
}

/** For each doc, the index of the first doc with the same question and answer (as normalised for matching). */
function twinKeys(docs: readonly MatchDocument[]): number[] {
  const first = new Map<string, number>();
  return docs.map((d, i) => {
    const key = `${compact(normalizeText(d.question))}\u0000${compact(normalizeText(d.answer))}`;
    if (!first.has(key)) first.set(key, i);
    return first.get(key)!;
  });
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Four decimals: stable output for logs and tests, far finer than any threshold. */
function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
