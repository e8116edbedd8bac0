/**
 * Re-ranking of the candidate shortlist: per-term evidence from exact containment (spacing-insensitive),
 * synonyms and fuse.js fuzzy matching on jamo, combined into one confidence in [0, 1].
 */
import { fuzzyEvidence } from './fuzzy';
import type { AnalyzedQuery, QueryTerm } from './query';
import { PLATFORMS, writePairHashes, type RankData } from './rank-data';

/** Evidence per field: a word in the question is worth more than the same word in the category or answer. */
const FIELD_WEIGHT = { title: 1, categories: 0.8, answer: 0.5 } as const;
/** Fuzzy matching looks at this many of the best candidates only: it refines a ranking, it does not make one. */
const FUZZY_DOCS = 5;
/** Unknown verbs (weight 0.15) change little, so they are not worth a fuzzy search. */
const FUZZY_MIN_WEIGHT = 0.3;
/** How much the entry-side coverage counts against the query-side coverage (see README, "confidence"). */
const DOC_COVERAGE_SHARE = 0.45;
/** Below 1 it lifts partial coverage: a paraphrase matching 3 of 5 words is better than 3/5 suggests. */
const COVERAGE_EXPONENT = 0.7;
const PLATFORM_BONUS = 0.06;
/** Confidence left to a hit supported only by generic words (see `QueryTerm.generic`): below any threshold. */
const GENERIC_ONLY_FACTOR = 0.5;
/** Weight of "the user reports a problem" as one more query term, matched by entries that state a problem. */
const NEGATION_WEIGHT = 0.3;
const CONTEXT_BONUS = 0.12;

/** A re-ranked entry; `confidence` in [0, 1]. */
export interface Ranked {
  doc: number;
  confidence: number;
  /** The evidence behind `confidence` (see README.md, "confidence"), for explaining a match in tests and tuning. */
  queryCoverage: number;
  docCoverage: number;
  /** Platform and context adjustment included in `confidence`. */
  adjustment: number;
}

/**
 * Scores shortlisted entries for an analysed query and returns those with a confidence above 0, in shortlist
 * order: confidence = queryCoverage^0.7 × (0.55 + 0.45 × docCoverage),
 * halved when only generic words match, plus the platform and context adjustments (README.md, "confidence").
 * `context` is the compact category path of the previous answer.
 */
export function rank(
  query: AnalyzedQuery,
  shortlist: readonly number[],
  data: RankData,
  context: readonly string[] = [],
): Ranked[] {
  // plain loops and no closures from here on: this runs for every query, and allocation here was most of the
  // per-query garbage
  const terms = query.terms;
  const negation = query.negated ? NEGATION_WEIGHT : 0;
  let totalWeight = 0;
  for (let t = 0; t < terms.length; t++) totalWeight += terms[t]!.weight;
  totalWeight += negation;
  if (terms.length === 0 || totalWeight === 0) return [];
  const width = terms.length;
  // exact evidence of term t for the entry in shortlist slot s is exact[s * width + t]
  const exact = new Float64Array(shortlist.length * width);
  const hashes = formHashes(terms);
  for (let slot = 0; slot < shortlist.length; slot++) {
    const doc = shortlist[slot]!;
    for (let t = 0; t < width; t++) exact[slot * width + t] = exactEvidence(terms[t]!, t, hashes, data, doc);
  }
  // fuzzy credit only for words matched exactly nowhere in the shortlist (misspelt or inflected words)
  const needFuzzy = new Array<boolean>(width);
  let anyFuzzy = false;
  for (let t = 0; t < width; t++) {
    let none = terms[t]!.weight >= FUZZY_MIN_WEIGHT;
    for (let slot = 0; none && slot < shortlist.length; slot++) if (exact[slot * width + t] !== 0) none = false;
    needFuzzy[t] = none;
    anyFuzzy ||= none;
  }
  const fuzzy = anyFuzzy ? fuzzyEvidence(terms, needFuzzy, shortlist.slice(0, FUZZY_DOCS), data, FIELD_WEIGHT) : [];
  const named = namedPlatforms(terms);
  const formSet = new Set<string>();
  for (const t of terms) for (const f of t.forms) if (f.form.length >= 2) formSet.add(f.form);
  // question words recur across the shortlist; how well the query covers each is computed once per query
  const coverage: Coverage = { forms: [...formSet], compact: query.compact, stamp: data.nextStamp() };

  const out: Ranked[] = [];
  for (let slot = 0; slot < shortlist.length; slot++) {
    const doc = shortlist[slot]!;
    const negated = data.negated[doc] === 1;
    const platform = data.platform[doc];
    let matched = negated ? negation : 0;
    let substantive = false;
    for (let t = 0; t < width; t++) {
      const m = Math.max(exact[slot * width + t]!, fuzzy[t]?.[slot] ?? 0);
      matched += terms[t]!.weight * m;
      if (m >= 0.5 && !terms[t]!.generic) substantive = true;
    }
    const queryCoverage = matched / totalWeight;
    const docCoverage = titleCoverage(data, doc, coverage);
    let adjustment = 0;
    if (platform && named.size > 0) adjustment += named.has(platform) ? PLATFORM_BONUS : -PLATFORM_BONUS;
    adjustment += CONTEXT_BONUS * contextShare(data.categories[doc]!, context) * queryCoverage;
    let score = queryCoverage ** COVERAGE_EXPONENT * (1 - DOC_COVERAGE_SHARE + DOC_COVERAGE_SHARE * docCoverage);
    // "카카오톡" or "채널 관리자센터" alone match much of the FAQ; unless they are the whole question, no match
    if (!substantive && docCoverage < 0.99) score *= GENERIC_ONLY_FACTOR;
    score += adjustment;
    const confidence = Math.min(1, Math.max(0, score));
    if (confidence > 0) out.push({ doc, confidence, queryCoverage, docCoverage, adjustment });
  }
  return out;
}

/** The query side of {@link titleCoverage}, with the coverage of each question word seen so far. */
interface Coverage {
  forms: readonly string[];
  compact: string;
  /** This query's stamp in the coverage memo of {@link RankData}. */
  stamp: number;
}

/**
 * Best exact evidence for term `t` of the query: some form of it occurs (as a substring, spacing removed) in a
 * field of entry `doc`.
 */
function exactEvidence(term: QueryTerm, t: number, hashes: FormHashes, data: RankData, doc: number): number {
  let best = 0;
  const forms = term.forms;
  for (let i = 0; i < forms.length; i++) {
    const { form, quality } = forms[i]!;
    if (quality * FIELD_WEIGHT.title <= best) continue;
    if (data.titleText[doc]!.includes(form)) best = quality * FIELD_WEIGHT.title;
    else if (quality * FIELD_WEIGHT.categories <= best) continue;
    else if (data.categoryText[doc]!.includes(form)) best = quality * FIELD_WEIGHT.categories;
    // one-syllable forms ("건", "봇") occur all over long answers by accident
    else if (
      form.length > 1 &&
      quality * answerWeight(form) > best &&
      data.answerMayContain(doc, hashes.values, hashes.start[hashes.first[t]! + i]!, hashes.start[hashes.first[t]! + i + 1]!) &&
      data.answer[doc]!.includes(form)
    ) {
      best = quality * answerWeight(form);
    }
  }
  return best;
}

/**
 * {@link pairHashes} of every form of every term, computed once per query in one array: form i of term t has
 * values[start[first[t] + i] .. start[first[t] + i + 1]).
 */
interface FormHashes {
  values: Int32Array;
  start: Int32Array;
  first: Int32Array;
}

function formHashes(terms: readonly QueryTerm[]): FormHashes {
  let forms = 0;
  let pairs = 0;
  for (const term of terms) {
    for (const { form } of term.forms) {
      forms++;
      pairs += Math.max(0, form.length - 1);
    }
  }
  const hashes: FormHashes = {
    values: new Int32Array(pairs),
    start: new Int32Array(forms + 1),
    first: new Int32Array(terms.length),
  };
  let f = 0;
  let at = 0;
  for (let t = 0; t < terms.length; t++) {
    hashes.first[t] = f;
    for (const { form } of terms[t]!.forms) {
      at = writePairHashes(form, hashes.values, at);
      hashes.start[++f] = at;
    }
  }
  return hashes;
}

/**
 * A word found only in the answer is weak evidence, but the longer it is the less likely it is there by accident:
 * "특정금융정보법" in an answer says more than "처리".
 */
function answerWeight(form: string): number {
  return Math.min(0.7, FIELD_WEIGHT.answer + 0.05 * Math.max(0, form.length - 2));
}

/**
 * How much of the entry's question the query accounts for (IDF-weighted characters of its content stems),
 * best over the question and its alternates. It separates "월렛이란?" from "월렛 상태는?" for "월렛 설명".
 */
function titleCoverage(data: RankData, doc: number, coverage: Coverage): number {
  const { stemStart, stemIds, stemWeight } = data;
  let best = 0;
  for (let v = data.variantStart[doc]!, lastVariant = data.variantStart[doc + 1]!; v < lastVariant; v++) {
    let total = 0;
    let got = 0;
    for (let k = stemStart[v]!, end = stemStart[v + 1]!; k < end; k++) {
      const id = stemIds[k]!;
      if (data.coverageStamp[id] !== coverage.stamp) {
        data.coverage[id] = stemCovered(data.stems[id]!, coverage.forms, coverage.compact);
        data.coverageStamp[id] = coverage.stamp;
      }
      const weight = stemWeight[id]!;
      total += weight;
      got += weight * data.coverage[id]!;
    }
    if (total > 0) best = Math.max(best, got / total);
  }
  return best;
}

/** Share of a stem's characters found in the query (1 when the query contains the stem). */
function stemCovered(stem: string, forms: readonly string[], compact: string): number {
  if (compact.includes(stem)) return 1;
  for (let k = 0; k < forms.length; k++) if (forms[k]!.length >= stem.length && forms[k]!.includes(stem)) return 1;
  // mark the characters under every occurrence of every form (one search per occurrence, not per character);
  // stems are short, so the marks are bits of a number (an array only for a "stem" of 31+ characters)
  let bits = 0;
  let long: Uint8Array | undefined;
  for (let k = 0; k < forms.length; k++) {
    const f = forms[k]!;
    if (f.length > stem.length) continue;
    for (let at = stem.indexOf(f); at >= 0; at = stem.indexOf(f, at + 1)) {
      if (stem.length < 31) bits |= ((1 << f.length) - 1) << at;
      else (long ??= new Uint8Array(stem.length)).fill(1, at, at + f.length);
    }
  }
  let n = 0;
  if (long !== undefined) for (let i = 0; i < long.length; i++) n += long[i]!;
  else for (; bits !== 0; bits &= bits - 1) n++;
  return n / stem.length;
}

function namedPlatforms(terms: readonly QueryTerm[]): Set<string> {
  const out = new Set<string>();
  for (const t of terms) {
    const p = PLATFORMS[t.stem];
    if (p) out.add(p);
  }
  return out;
}

/** Share of the previous answer's category path that this entry shares, from the root. */
function contextShare(categories: readonly string[], context: readonly string[]): number {
  if (context.length === 0) return 0;
  let shared = 0;
  while (shared < context.length && categories[shared] === context[shared]) shared++;
  return shared / context.length;
}
