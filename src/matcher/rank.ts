/**
 * Re-ranking of the candidate shortlist: per-term evidence from exact containment (spacing-insensitive),
 * synonyms and fuzzy matching on jamo (fuse.js's Bitap scores, ./fuzzy.ts), combined into one confidence in [0, 1].
 */
import { fuzzyEvidence } from './fuzzy';
import type { AnalyzedQuery, QueryTerm } from './query';
import { variantCoverage, type Coverage } from './coverage';
import { platformNamed, type RankData } from './rank-data';
import { MASK_WORDS, writeCharMask, writePairHashes } from './text-filters';
import { Scratch } from './scratch';

/**
 * Evidence per field (× form quality): a word in the question is worth more than the same word in the
 * category or answer. Not the BM25F field weights of candidate-index.ts, which only pick the shortlist.
 */
const EVIDENCE_WEIGHT = { title: 1, categories: 0.8, answer: 0.5 } as const;
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
/** Ceiling for an entry matched through generic verbs alone: below clarify (0.4) and leadFloor (0.38). */
const VERB_ONLY_CAP = 0.35;
/** Weight of "the user reports a problem" as one more query term, matched by entries that state a problem. */
const NEGATION_WEIGHT = 0.3;
const CONTEXT_BONUS = 0.12;

/** This thread's scratch arrays for {@link rank}, one slot each (valid during one call only). */
const scratch = new Scratch();
const enum Slot {
  Title, EntryWide, Floor, Quality, InAnswer, First, Masks, Pairs, PairStart, CoverageMasks, CompactMask,
}

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
 * Scores shortlisted entries for an analysed query (confidence > 0 only, shortlist order): the best question
 * variant's queryCoverage^0.7 × (0.55 + 0.45 × docCoverage), halved when only generic words match, capped when
 * only generic verbs do, ± platform and context (README.md, "confidence"). `context`: previous answer's path.
 */
export function rank(query: AnalyzedQuery, shortlist: readonly number[], data: RankData, context: readonly string[] = []): Ranked[] {
  // plain loops and no closures: this runs for every query, and allocation here was most of the per-query garbage
  const terms = query.terms;
  const negation = query.negated ? NEGATION_WEIGHT : 0;
  let totalWeight = 0;
  for (let t = 0; t < terms.length; t++) totalWeight += terms[t]!.weight;
  totalWeight += negation;
  if (terms.length === 0 || totalWeight === 0) return [];
  const width = terms.length;
  // evidence of term t for the entry in shortlist slot s, at [s * width + t]: in any title (question, alternate
  // or keyword), and in the entry-wide fields (categories, answer; for an entry with one title, its title too)
  const title = scratch.float64(Slot.Title, shortlist.length * width);
  const entryWide = scratch.float64(Slot.EntryWide, shortlist.length * width);
  const forms = queryForms(terms);
  for (let slot = 0; slot < shortlist.length; slot++) {
    const doc = shortlist[slot]!;
    const oneTitle = data.oneTitle[doc] === 1;
    for (let t = 0; t < width; t++) {
      const inTitle = titleEvidence(t, forms, data, doc);
      title[slot * width + t] = inTitle;
      entryWide[slot * width + t] = otherEvidence(t, forms, data, doc, oneTitle ? inTitle : 0);
    }
  }
  // fuzzy credit only for words matched exactly nowhere in the shortlist (misspelt or inflected words)
  const needFuzzy = new Array<boolean>(width);
  let anyFuzzy = false;
  for (let t = 0; t < width; t++) {
    let none = terms[t]!.weight >= FUZZY_MIN_WEIGHT;
    for (let slot = 0; none && slot < shortlist.length; slot++) {
      if (title[slot * width + t] !== 0 || entryWide[slot * width + t] !== 0) none = false;
    }
    needFuzzy[t] = none;
    anyFuzzy ||= none;
  }
  const fuzzy = anyFuzzy ? fuzzyEvidence(terms, needFuzzy, shortlist.slice(0, FUZZY_DOCS), data, EVIDENCE_WEIGHT) : [];
  const named = namedPlatforms(terms);
  // question words recur across the shortlist; how well the query covers each is computed once per query
  const coverage = coverageOf(forms, query.compact, data.nextStamp());

  const out: Ranked[] = [];
  // evidence of each term in the slot's entry-wide fields or by fuzzy match: the floor for every variant
  const floor = scratch.float64(Slot.Floor, width);
  for (let slot = 0; slot < shortlist.length; slot++) {
    const doc = shortlist[slot]!;
    const platform = data.platform[doc]!;
    const oneTitle = data.oneTitle[doc] === 1;
    let adjustment = 0;
    if (platform !== 0 && named !== 0) adjustment += (named & (1 << platform)) !== 0 ? PLATFORM_BONUS : -PLATFORM_BONUS;
    const contextShareOfDoc = context.length === 0 ? 0 : contextShare(data.categories[doc]!, context);
    for (let t = 0; t < width; t++) floor[t] = Math.max(entryWide[slot * width + t]!, fuzzy[t]?.[slot] ?? 0);
    // An alternate question is evidence like the question, not one more chance: each variant (the question,
    // each alternate; keywords, categories and answer count for all) is scored on its own and the best one
    // stands, so that words spread over many alternates never add up.
    let best: Ranked | undefined;
    for (let v = data.variantStart[doc]!, lastVariant = data.variantStart[doc + 1]!; v < lastVariant; v++) {
      let matched = data.negated[doc] === 1 ? negation : 0;
      let substantive = false;
      let content = false;
      for (let t = 0; t < width; t++) {
        const term = terms[t]!;
        const k = slot * width + t;
        let m = floor[t]!;
        if (!oneTitle && title[k]! > m) m = Math.max(m, variantEvidence(t, forms, data, doc, v));
        matched += term.weight * m;
        if (m >= 0.5 && !term.generic) substantive = true;
        if (m >= 0.5 && !term.verb) content = true;
      }
      // "쿠폰 등록" shares only 등록 with "환불 계좌 등록": generic verbs (`QueryTerm.verb`) in common are no topic
      // in common; such a match stays below clarify, and only the question makes it (alternates full of verbs
      // must not lift it)
      if (!content && v !== data.variantStart[doc]) continue;
      const queryCoverage = matched / totalWeight;
      const adjusted = adjustment + CONTEXT_BONUS * contextShareOfDoc * queryCoverage;
      // a variant that could not beat the best one even covered in full is not worth its coverage (the same
      // arithmetic with docCoverage 1, the most it can be: halving and capping only ever lower the score)
      const covered = queryCoverage ** COVERAGE_EXPONENT;
      const ceiling = covered * (1 - DOC_COVERAGE_SHARE + DOC_COVERAGE_SHARE * 1) + adjusted;
      if (best !== undefined && Math.min(1, Math.max(0, ceiling)) <= best.confidence) continue;
      const docCoverage = variantCoverage(data, v, coverage);
      let score = covered * (1 - DOC_COVERAGE_SHARE + DOC_COVERAGE_SHARE * docCoverage);
      // "카카오톡" or "채널 관리자센터" alone match much of the FAQ; unless they are the whole question, no match
      if (!substantive && docCoverage < 0.99) score *= GENERIC_ONLY_FACTOR;
      score += adjusted;
      // …unless the conversation supplies the topic: "그럼 등록은요?" right after an answer about 포인트 means 포인트 등록
      if (!content && contextShareOfDoc === 0) score = Math.min(score, VERB_ONLY_CAP);
      const confidence = Math.min(1, Math.max(0, score));
      if (best === undefined || confidence > best.confidence) {
        best = { doc, confidence, queryCoverage, docCoverage, adjustment: adjusted };
      }
    }
    if (best !== undefined && best.confidence > 0) out.push(best);
  }
  return out;
}

/**
 * Best evidence for term `t` of the query in the titles of entry `doc`: some form of it occurs in them (as a
 * substring, spacing removed).
 */
function titleEvidence(t: number, forms: QueryForms, data: RankData, doc: number): number {
  let best = 0;
  const text = data.titleText[doc]!;
  for (let f = forms.first[t]!, end = forms.first[t + 1]!; f < end; f++) {
    const inTitle = forms.quality[f]! * EVIDENCE_WEIGHT.title;
    if (inTitle > best && data.titlesMayContain(doc, forms.masks, f) && text.includes(forms.text[f]!)) best = inTitle;
  }
  return best;
}

/**
 * {@link titleEvidence} in question variant `v` of entry `doc`, or in its keywords (both are among its titles:
 * a form that the titles' mask rules out is in neither).
 */
function variantEvidence(t: number, forms: QueryForms, data: RankData, doc: number, v: number): number {
  let best = 0;
  const variantText = data.variantText[v]!;
  const keywordText = data.keywordText[doc]!;
  for (let f = forms.first[t]!, end = forms.first[t + 1]!; f < end; f++) {
    const inTitle = forms.quality[f]! * EVIDENCE_WEIGHT.title;
    if (inTitle <= best || !data.titlesMayContain(doc, forms.masks, f)) continue;
    const form = forms.text[f]!;
    if (variantText.includes(form) || (keywordText !== '' && keywordText.includes(form))) best = inTitle;
  }
  return best;
}

/**
 * Best evidence for term `t` of the query in the categories and the answer of entry `doc`, or `floor` if that
 * is more (forms that cannot beat it are not looked for).
 */
function otherEvidence(t: number, forms: QueryForms, data: RankData, doc: number, floor: number): number {
  let best = floor;
  for (let f = forms.first[t]!, end = forms.first[t + 1]!; f < end; f++) {
    const inCategories = forms.quality[f]! * EVIDENCE_WEIGHT.categories;
    if (inCategories > best && data.categoriesMayContain(doc, forms.masks, f) && data.categoryText[doc]!.includes(forms.text[f]!)) {
      best = inCategories;
    }
    const inAnswer = forms.inAnswer[f]!;
    if (
      inAnswer > best &&
      data.answerMayContain(doc, forms.pairs, forms.pairStart[f]!, forms.pairStart[f + 1]!) &&
      data.answer[doc]!.includes(forms.text[f]!)
    ) {
      best = inAnswer;
    }
  }
  return best;
}

/**
 * Every form of every term in flat arrays, with what ranking needs of each computed once per query: the forms
 * of term t are f = first[t] .. first[t + 1] - 1.
 */
interface QueryForms {
  text: string[];
  quality: Float64Array;
  /** Evidence of the form found in an answer (0 for a one-character form: "건", "봇" occur in long answers by accident). */
  inAnswer: Float64Array;
  first: Int32Array;
  /** Character mask of form f (see `writeCharMask`) at masks[f × MASK_WORDS]. */
  masks: Int32Array;
  /** `writePairHashes` of form f at pairs[pairStart[f] .. pairStart[f + 1]). */
  pairs: Int32Array;
  pairStart: Int32Array;
}

function queryForms(terms: readonly QueryTerm[]): QueryForms {
  let count = 0;
  let pairCount = 0;
  for (const term of terms) {
    for (const { form } of term.forms) {
      count++;
      pairCount += Math.max(0, form.length - 1);
    }
  }
  const forms: QueryForms = {
    text: new Array<string>(count),
    quality: scratch.float64(Slot.Quality, count),
    inAnswer: scratch.float64(Slot.InAnswer, count),
    first: scratch.int32(Slot.First, terms.length + 1),
    masks: scratch.zeroedInt32(Slot.Masks, count * MASK_WORDS),
    pairs: scratch.int32(Slot.Pairs, pairCount),
    pairStart: scratch.int32(Slot.PairStart, count + 1),
  };
  let f = 0;
  let at = 0;
  forms.pairStart[0] = 0;
  for (let t = 0; t < terms.length; t++) {
    forms.first[t] = f;
    for (const { form, quality, distinctive } of terms[t]!.forms) {
      forms.text[f] = form;
      forms.quality[f] = quality;
      forms.inAnswer[f] = form.length > 1 ? quality * (distinctive === true ? EVIDENCE_WEIGHT.title : answerWeight(form)) : 0;
      writeCharMask(form, forms.masks, f * MASK_WORDS);
      at = writePairHashes(form, forms.pairs, at);
      forms.pairStart[++f] = at;
    }
  }
  forms.first[terms.length] = f;
  return forms;
}

/**
 * The query side of question coverage: the distinct forms of two or more characters, in query order, with their
 * character masks (copied from `forms`), and the mask of the query's compact text.
 */
function coverageOf(forms: QueryForms, compact: string, stamp: number): Coverage {
  const distinct: string[] = [];
  const seen = new Set<string>();
  const formMasks = scratch.int32(Slot.CoverageMasks, forms.text.length * MASK_WORDS);
  for (let f = 0; f < forms.text.length; f++) {
    const form = forms.text[f]!;
    if (form.length < 2 || seen.has(form)) continue;
    seen.add(form);
    const to = distinct.length * MASK_WORDS;
    for (let w = 0; w < MASK_WORDS; w++) formMasks[to + w] = forms.masks[f * MASK_WORDS + w]!;
    distinct.push(form);
  }
  const compactMask = scratch.zeroedInt32(Slot.CompactMask, MASK_WORDS);
  writeCharMask(compact, compactMask, 0);
  return { forms: distinct, formMasks, compact, compactMask, stamp };
}

/** A word only in the answer is weak evidence, less so the longer it is: "특정금융정보법" says more than "처리". */
function answerWeight(form: string): number {
  return Math.min(0.7, EVIDENCE_WEIGHT.answer + 0.05 * Math.max(0, form.length - 2));
}

/** The platforms the query names, as bit `1 << n` for platform number n (see `platformNamed`). */
function namedPlatforms(terms: readonly QueryTerm[]): number {
  let named = 0;
  for (const t of terms) {
    const p = platformNamed(t.stem);
    if (p !== 0) named |= 1 << p;
  }
  return named;
}

/** Share of the previous answer's category path (not empty) that this entry shares, from the root. */
function contextShare(categories: readonly string[], context: readonly string[]): number {
  let shared = 0;
  while (shared < context.length && categories[shared] === context[shared]) shared++;
  return shared / context.length;
}
