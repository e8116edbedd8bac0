/**
 * The matcher's one entry point: build once from FAQ entries, then `search(utterance)` → ranked hits with a
 * calibrated `confidence`. See README.md in this folder for the pipeline and the calibration.
 */
import { CHAT_LEXICON } from './chat-lexicon';
import { runToEnd, sliceEnds, type BuildSteps } from './build-steps';
import { candidateIndexSteps, featureAt, featureCount, type IndexedFields } from './candidate-index';
import { lexiconSteps } from './lexicon';
import { compact, normalizedWords, normalizeText } from './normalize';
import { analyzeQuery, type AnalyzedQuery } from './query';
import { queryContext, type QueryContext } from './query-context';
import { rank, type Ranked } from './rank';
import { rankDataSteps, type RankData, type RankEntry } from './rank-data';
import { hasNegation, stemsOfNormalized, stemsOfWords } from './stemming';
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
  /**
   * Groups of interchangeable terms (see `parseSynonyms` and data/synonyms.json): the operator's, used on top
   * of the general chat and loanword lexicon that the matcher ships (chat-lexicon.ts).
   */
  synonyms?: SynonymTable;
}

const DEFAULT_LIMIT = 5;
/** Shortlist size for re-ranking: enough to survive BM25 mistakes, small enough to keep re-ranking cheap. */
const SHORTLIST = 40;
/** Characters of an utterance that are read (Kakao allows long messages; questions are short). */
const MAX_UTTERANCE = 1000;
/** Entries sampled to warm the query code up after a build (see warmUp). */
const WARM_UP_ENTRIES = 100;

/**
 * Builds a matcher over FAQ entries (in any number; the candidate index scales with the vocabulary,
 * re-ranking only ever sees a fixed-size shortlist).
 */
export function createMatcher(docs: readonly MatchDocument[], options: MatcherOptions = {}): Matcher {
  return runToEnd(matcherSteps(docs, options));
}

/**
 * {@link createMatcher} as a build that yields between slices of its work (see build-steps.ts): the same
 * matcher, built while the caller gives its event loop back between slices.
 */
export function* matcherSteps(docs: readonly MatchDocument[], options: MatcherOptions = {}): BuildSteps<Matcher> {
  const { explain, twins } = yield* searchSteps(docs, options);
  yield* warmUp(docs, explain);
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
        const key = twins[r.doc]!;
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ id: docs[r.doc]!.id, confidence: round(r.confidence) });
      }
      return hits;
    },
  };
}

type Explain = (utterance: string, searchOptions?: SearchOptions) => { query: AnalyzedQuery; ranked: Ranked[] };

/**
 * The matcher with its working shown: the analysed query and every shortlisted entry with its evidence,
 * best first. For tests and threshold tuning; `createMatcher` is the API.
 * @internal
 */
export function explainMatches(docs: readonly MatchDocument[], options: MatcherOptions = {}): Explain {
  return runToEnd(searchSteps(docs, options)).explain;
}

function* searchSteps(docs: readonly MatchDocument[], options: MatcherOptions): BuildSteps<{ explain: Explain; twins: Int32Array }> {
  const { ctx, rankData, twins } = yield* buildIndex(docs, options);
  const explain: Explain = (utterance, searchOptions = {}) => {
    // a chat message longer than this is a paste, not a question; clipping bounds the work per query
    const text = typeof utterance === 'string' ? utterance.slice(0, MAX_UTTERANCE) : '';
    const query = analyzeQuery(text, ctx);
    if (query.terms.length === 0) return { query, ranked: [] };
    const features = new Map<number, number>();
    for (const term of query.terms) {
      for (const { form, quality } of term.forms) {
        for (let i = 0, n = featureCount(form); i < n; i++) {
          const f = featureAt(form, i);
          features.set(f, Math.max(features.get(f) ?? 0, quality));
        }
      }
    }
    const limit = Math.max(SHORTLIST, searchOptions.limit ?? 0);
    const shortlist = ctx.index.search(features, limit);
    const context = (searchOptions.contextCategories ?? []).map((c) => compact(normalizeText(c)));
    const ranked = rank(query, shortlist, rankData, context);
    ranked.sort((a, b) => b.confidence - a.confidence || a.doc - b.doc);
    return { query, ranked };
  };
  return { explain, twins };
}

/** A short field normalised for indexing: text, compact text and content stems (shared; never mutated). */
interface ShortField {
  text: string;
  compact: string;
  stems: readonly string[];
}

/**
 * Indexing, kept in its own function so that its intermediate arrays (all stems of all answers) are garbage
 * once the matcher is built instead of living on in the search closure. Every field is normalised exactly
 * once; the answer (most of the text) only as words, never as a joined string.
 */
function* buildIndex(
  docs: readonly MatchDocument[],
  options: MatcherOptions,
): BuildSteps<{ ctx: QueryContext; rankData: RankData; twins: Int32Array }> {
  const memo = new Map<string, string | null>();
  const fields: IndexedFields[] = new Array<IndexedFields>(docs.length);
  // vocabulary for the lexicon: words of title-like fields, and words found only in answers
  const titleWords = new Set<string>();
  const answerWords = new Set<string>();
  const entries: RankEntry[] = new Array<RankEntry>(docs.length);
  // short fields (categories, keywords, often questions) repeat across entries: each distinct text once
  const short = new Map<string, ShortField>();
  const prepare = (raw: string): ShortField => {
    let field = short.get(raw);
    if (field === undefined) {
      const text = normalizeText(raw);
      short.set(raw, (field = { text, compact: compactNormalized(text), stems: stemsOfNormalized(text, memo) }));
    }
    return field;
  };
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    const titleFields = [prepare(d.question)];
    for (const q of d.alternateQuestions) titleFields.push(prepare(q));
    const keywordFields = d.keywords.map(prepare);
    const categoryFields = d.categories.map(prepare);
    const answerText = normalizedWords(d.answer);
    const titleVariants = titleFields.map((f) => f.stems);
    const title = titleVariants.flat();
    for (const k of keywordFields) for (const stem of k.stems) title.push(stem);
    const categories: string[] = [];
    for (const c of categoryFields) for (const stem of c.stems) categories.push(stem);
    const answer = stemsOfWords(answerText, memo);
    for (const stem of title) titleWords.add(stem);
    for (const stem of categories) titleWords.add(stem);
    for (const stem of answer) answerWords.add(stem);
    fields[i] = { title, categories, answer };
    entries[i] = {
      titles: [...titleFields, ...keywordFields].map((f) => f.compact),
      categories: categoryFields.map((f) => f.compact),
      answer: answerText.join(''),
      titleVariants,
      negated: titleFields.some((f) => hasNegation(f.text)),
    };
    if (sliceEnds(i)) yield;
  }
  const index = yield* candidateIndexSteps(fields);
  const lexicon = yield* lexiconSteps(titleWords, answerWords);
  // the general chat and loanword lexicon first, then the operator's groups (a term in both gets both)
  const synonyms = buildSynonymIndex([...CHAT_LEXICON, ...(options.synonyms ?? [])]);
  const ctx = queryContext({ index, lexicon, synonyms });
  // flattened IDF: every word of a question matters for "does the query say all of this?", even 월렛
  const rankData = yield* rankDataSteps(entries, (stem) => 0.5 + (0.5 * index.stemIdf(stem)) / index.unknownIdf);
  return { ctx, rankData, twins: yield* twinKeys(entries) };
}

/** Spaces removed from a text that {@link normalizeText} produced (single spaces only). */
function compactNormalized(text: string): string {
  return text.replaceAll(' ', '');
}

/**
 * Runs a few hundred searches made from the entries themselves (spaced, run together, chatty, two syllables
 * swapped so that typo correction and fuzzy matching run, 초성, off-topic), so that V8 has compiled the query code
 * before the first user message: with ~100 searches, the first few hundred messages still paid for compiling
 * and deoptimising (several ms each, a p99 of 5–9 ms instead of under 1 ms at 10,000 entries). Costs ~0.1–0.3 s
 * per build.
 */
function* warmUp(docs: readonly MatchDocument[], explain: ReturnType<typeof explainMatches>): BuildSteps<void> {
  const step = Math.max(1, Math.floor(docs.length / WARM_UP_ENTRIES));
  for (let i = 0; i < docs.length; i += step) {
    yield; // a search of a large FAQ takes a millisecond or more
    const question = docs[i]!.question;
    const swapped = question.replace(/([가-힣])([가-힣])/, '$2$1');
    for (const variant of [question, compact(question), `${question.slice(0, 6)}ㅠㅠ 어케 해요`, swapped]) {
      explain(variant);
    }
  }
  for (const text of ['ㅎㅂ ㄱㅈ', 'ghksqnf rPwhk', '헤제 방법', '안녕하세요 오늘 날씨', '😊']) explain(text);
}

/**
 * For each entry, the position of the first entry with the same question and answer as normalised for
 * matching (its own position when it has no earlier twin).
 */
function* twinKeys(entries: readonly RankEntry[]): BuildSteps<Int32Array> {
  const twins = new Int32Array(entries.length);
  // grouped by question first: comparing answers only within a group avoids a key of question + answer each
  const byQuestion = new Map<string, number[]>();
  for (let i = 0; i < entries.length; i++) {
    if (sliceEnds(i)) yield;
    const e = entries[i]!;
    const question = e.titles[0] ?? '';
    const group = byQuestion.get(question);
    const twin = group?.find((j) => entries[j]!.answer === e.answer);
    twins[i] = twin ?? i;
    if (twin !== undefined) continue;
    if (group) group.push(i);
    else byQuestion.set(question, [i]);
  }
  return twins;
}

/** Four decimals: stable output for logs and tests, far finer than any threshold. */
function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
