/**
 * Re-ranking of the candidate shortlist: per-term evidence from exact containment (spacing-insensitive),
 * synonyms and fuse.js fuzzy matching on jamo, combined into one confidence in [0, 1].
 */
import Fuse from 'fuse.js';
import type { AnalyzedQuery, QueryTerm } from './query';
import { toJamo } from './normalize';

/** What ranking needs of an entry, precomputed at build time. */
export interface RankDoc {
  /** Compact (space-free) normalised question, alternate questions and keywords. */
  titles: readonly string[];
  /** Compact normalised category names, root first. */
  categories: readonly string[];
  answer: string;
  /** Content stems of the question and of each alternate question, with normalised IDF weights. */
  titleStems: readonly (readonly { stem: string; weight: number }[])[];
  /** Jamo of titles and categories, for fuzzy matching (computed on first use, cached). */
  fuzzyTexts(): readonly { text: string; field: 'title' | 'categories' }[];
  /** The question (or an alternate) states a problem: "안 돼요", "받지 못한", "확인되지 않아요". */
  negated: boolean;
  /** Canonical platform named by the categories (see {@link PLATFORMS}), if any. */
  platform: string | undefined;
}

/** Evidence per field: a word in the question is worth more than the same word in the category or answer. */
const FIELD_WEIGHT = { title: 1, categories: 0.8, answer: 0.5 } as const;
/** Fuse scores above this are not evidence; below it they earn partial credit, at most {@link FUZZY_MAX}. */
const FUZZY_THRESHOLD = 0.3;
const FUZZY_MAX = 0.7;
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

/**
 * Platforms that split one question into several entries (same text under iOS / 안드로이드 / Windows).
 * Maps any way of naming the platform to the category name used in the data.
 */
export const PLATFORMS: Readonly<Record<string, string>> = {
  ios: 'ios', 아이폰: 'ios', iphone: 'ios', 아이패드: 'ios', ipad: 'ios',
  안드로이드: '안드로이드', android: '안드로이드', 갤럭시: '안드로이드', galaxy: '안드로이드',
  windows: 'windows', 윈도우: 'windows', 윈도: 'windows', pc: 'windows', 피씨: 'windows',
  mac: 'mac', macos: 'mac', 맥: 'mac', 맥북: 'mac',
};

/** A re-ranked entry; `confidence` in [0, 1]. */
export interface Ranked {
  doc: number;
  confidence: number;
  /** The evidence behind `confidence`, for explaining a match (tests, tuning); not part of the public API. */
  features: { queryCoverage: number; docCoverage: number; evidence: number[]; negation: number; adjustment: number };
}

/**
 * Scores shortlisted entries for an analysed query: confidence = queryCoverage^0.7 × (0.55 + 0.45 × docCoverage),
 * halved when only generic words match, plus the platform and context adjustments (README.md, "confidence").
 * `context` is the compact category path of the previous answer.
 */
export function rank(
  query: AnalyzedQuery,
  shortlist: readonly number[],
  docs: readonly RankDoc[],
  context: readonly string[] = [],
): Ranked[] {
  const terms = query.terms;
  const negation = query.negated ? NEGATION_WEIGHT : 0;
  const totalWeight = terms.reduce((s, t) => s + t.weight, 0) + negation;
  if (terms.length === 0 || totalWeight === 0) return [];
  const exact = shortlist.map((doc) => terms.map((term) => exactEvidence(term, docs[doc]!)));
  // fuzzy credit only for words matched exactly nowhere in the shortlist (misspelt or inflected words)
  const needFuzzy = terms.map((term, t) => term.weight >= FUZZY_MIN_WEIGHT && exact.every((row) => row[t] === 0));
  const fuzzy = needFuzzy.some(Boolean) ? fuzzyEvidence(terms, needFuzzy, shortlist.slice(0, FUZZY_DOCS), docs) : [];
  const named = namedPlatforms(terms);
  const formSet = new Set<string>();
  for (const t of terms) for (const f of t.forms) if (f.form.length >= 2) formSet.add(f.form);
  const forms = [...formSet];
  // question words recur across the shortlist; how well the query covers each is computed once per query
  const covered = new Map<string, number>();
  const coverage = (stem: string) => {
    let c = covered.get(stem);
    if (c === undefined) covered.set(stem, (c = stemCovered(stem, forms, query.compact)));
    return c;
  };

  return shortlist.map((doc, slot) => {
    const d = docs[doc]!;
    const evidence = exact[slot]!;
    let matched = d.negated ? negation : 0;
    let substantive = false;
    for (let t = 0; t < terms.length; t++) {
      const m = Math.max(evidence[t]!, fuzzy[t]?.[slot] ?? 0);
      evidence[t] = m;
      matched += terms[t]!.weight * m;
      if (m >= 0.5 && !terms[t]!.generic) substantive = true;
    }
    const queryCoverage = matched / totalWeight;
    const docCoverage = titleCoverage(d, coverage);
    let adjustment = 0;
    if (d.platform && named.size > 0) adjustment += named.has(d.platform) ? PLATFORM_BONUS : -PLATFORM_BONUS;
    adjustment += CONTEXT_BONUS * contextShare(d.categories, context) * queryCoverage;
    let score = queryCoverage ** COVERAGE_EXPONENT * (1 - DOC_COVERAGE_SHARE + DOC_COVERAGE_SHARE * docCoverage);
    // "카카오톡" or "채널 관리자센터" alone match much of the FAQ; unless they are the whole question, no match
    if (!substantive && docCoverage < 0.99) score *= GENERIC_ONLY_FACTOR;
    score += adjustment;
    return {
      doc,
      confidence: Math.min(1, Math.max(0, score)),
      features: { queryCoverage, docCoverage, evidence, negation: d.negated ? 1 : 0, adjustment },
    };
  });
}

/** Best exact evidence for a term: some form of it occurs (as a substring, spacing removed) in a field. */
function exactEvidence(term: QueryTerm, d: RankDoc): number {
  // plain loops: this runs for every term, form and shortlisted entry, and closures here dominated allocation
  let best = 0;
  for (const { form, quality } of term.forms) {
    if (quality * FIELD_WEIGHT.title <= best) continue;
    if (containedIn(d.titles, form)) best = quality * FIELD_WEIGHT.title;
    else if (containedIn(d.categories, form)) best = Math.max(best, quality * FIELD_WEIGHT.categories);
    // one-syllable forms ("건", "봇") occur all over long answers by accident
    else if (form.length > 1 && d.answer.includes(form)) best = Math.max(best, quality * answerWeight(form));
  }
  return best;
}

function containedIn(texts: readonly string[], form: string): boolean {
  for (let i = 0; i < texts.length; i++) if (texts[i]!.includes(form)) return true;
  return false;
}

/**
 * A word found only in the answer is weak evidence, but the longer it is the less likely it is there by accident:
 * "특정금융정보법" in an answer says more than "처리".
 */
function answerWeight(form: string): number {
  return Math.min(0.7, FIELD_WEIGHT.answer + 0.05 * Math.max(0, form.length - 2));
}

/**
 * fuse.js on jamo strings of the shortlist's titles and categories, for terms with no exact match there:
 * inflected or slightly misspelt words ("만드는" vs "만들", "설정창" vs "설정") earn partial credit.
 * Returns evidence[term][shortlist slot]. The Fuse collection is only the shortlist, never the whole FAQ.
 */
function fuzzyEvidence(
  terms: readonly QueryTerm[],
  wanted: readonly boolean[],
  shortlist: readonly number[],
  docs: readonly RankDoc[],
): number[][] {
  const records: { slot: number; field: 'title' | 'categories'; text: string }[] = [];
  shortlist.forEach((doc, slot) => {
    for (const f of docs[doc]!.fuzzyTexts()) records.push({ slot, field: f.field, text: f.text });
  });
  let fuse: Fuse<(typeof records)[number]> | undefined;
  return terms.map((term, t) => {
    const out = new Array<number>(shortlist.length).fill(0);
    const pattern = toJamo(term.stem);
    // Bitap patterns are limited to 32 characters; a longer "word" is a paste, not a typo
    if (!wanted[t] || pattern.length < 4 || pattern.length > 32 || !/[\uac00-\ud7a3]/.test(term.stem)) return out;
    fuse ??= new Fuse(records, {
      keys: ['text'],
      includeScore: true,
      ignoreLocation: true,
      ignoreFieldNorm: true,
      threshold: FUZZY_THRESHOLD,
      isCaseSensitive: true,
    });
    for (const hit of fuse.search(pattern)) {
      const q = FUZZY_MAX * (1 - (hit.score ?? 1) / FUZZY_THRESHOLD) * FIELD_WEIGHT[hit.item.field];
      out[hit.item.slot] = Math.max(out[hit.item.slot]!, q);
    }
    return out;
  });
}

/**
 * How much of the entry's question the query accounts for (IDF-weighted characters of its content stems),
 * best over the question and its alternates. It separates "월렛이란?" from "월렛 상태는?" for "월렛 설명".
 */
function titleCoverage(d: RankDoc, coverage: (stem: string) => number): number {
  let best = 0;
  for (const stems of d.titleStems) {
    let total = 0;
    let got = 0;
    for (const { stem, weight } of stems) {
      total += weight;
      got += weight * coverage(stem);
    }
    if (total > 0) best = Math.max(best, got / total);
  }
  return best;
}

/** Share of a stem's characters found in the query (1 when the query contains the stem). */
function stemCovered(stem: string, forms: readonly string[], compact: string): number {
  if (compact.includes(stem)) return 1;
  for (let k = 0; k < forms.length; k++) if (forms[k]!.includes(stem)) return 1;
  // A character is covered when an occurrence of some form spans it. Marking occurrences costs O(stem × forms);
  // testing each character against each form (as before) cost O(stem² × forms), and a 10,000-character
  // "word" in one question then took seconds per query, blocking the event loop for every user.
  const covered = new Uint8Array(stem.length);
  for (let k = 0; k < forms.length; k++) {
    const f = forms[k]!;
    if (f.length === 0) continue;
    for (let at = stem.indexOf(f); at !== -1; at = stem.indexOf(f, at + 1)) covered.fill(1, at, at + f.length);
  }
  let n = 0;
  for (let i = 0; i < covered.length; i++) n += covered[i]!;
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
