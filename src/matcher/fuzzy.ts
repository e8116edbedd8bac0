/**
 * Fuzzy evidence for re-ranking: fuse.js (Bitap) on jamo strings of the best few shortlisted entries, for query
 * words that match nothing exactly. One typo costs one jamo of the pattern, not a whole syllable.
 */
import Fuse from 'fuse.js';
import { toJamo } from './hangul';
import type { QueryTerm } from './query';
import type { FuzzyText, RankData } from './rank-data';

/** Fuse scores above this are not evidence; below it they earn partial credit, at most {@link FUZZY_MAX}. */
const FUZZY_THRESHOLD = 0.3;
const FUZZY_MAX = 0.7;

/**
 * fuse.js on jamo strings of the shortlist's titles and categories, for terms with no exact match there:
 * inflected or slightly misspelt words ("만드는" vs "만들", "설정창" vs "설정") earn partial credit.
 * Returns evidence[term][shortlist slot], up to {@link FUZZY_MAX} × the field's weight. The Fuse collection is
 * only the shortlist, never the whole FAQ.
 */
export function fuzzyEvidence(
  terms: readonly QueryTerm[],
  wanted: readonly boolean[],
  shortlist: readonly number[],
  data: RankData,
  fieldWeight: Readonly<Record<FuzzyText['field'], number>>,
): number[][] {
  const records: FuzzyRecord[] = [];
  for (let slot = 0; slot < shortlist.length; slot++) {
    for (const f of data.fuzzyTexts(shortlist[slot]!)) records.push({ slot, field: f.field, text: f.text });
  }
  const out: number[][] = [];
  for (let t = 0; t < terms.length; t++) {
    const row = new Array<number>(shortlist.length).fill(0);
    out.push(row);
    const stem = terms[t]!.stem;
    if (!wanted[t] || !/[\uac00-\ud7a3]/.test(stem)) continue;
    const pattern = toJamo(stem);
    // Bitap patterns are limited to 32 characters; a longer "word" is a paste, not a typo
    if (pattern.length < 4 || pattern.length > 32) continue;
    // Fuse scores each record on its own (ignoreFieldNorm, one key), so leaving out the records it cannot match
    // changes no score; most records fail this cheap test, and Fuse then has little or nothing to scan
    const budget = errorBudget(pattern.length);
    const candidates = records.filter((r) => missingJamo(pattern, r.text) <= budget);
    if (candidates.length === 0) continue;
    for (const hit of new Fuse(candidates, FUSE_OPTIONS).search(pattern)) {
      const q = FUZZY_MAX * (1 - (hit.score ?? 1) / FUZZY_THRESHOLD) * fieldWeight[hit.item.field];
      row[hit.item.slot] = Math.max(row[hit.item.slot]!, q);
    }
  }
  return out;
}

/** A jamo text of the shortlisted entry in `slot`. */
interface FuzzyRecord extends FuzzyText {
  slot: number;
}

const FUSE_OPTIONS = {
  keys: ['text'],
  includeScore: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  threshold: FUZZY_THRESHOLD,
  isCaseSensitive: true,
};

/**
 * Most errors Fuse's bitap search can accept for a pattern: it tries 0, 1, 2, … errors while
 * errors / pattern length stays within the threshold (with `ignoreLocation`, the score is exactly that ratio).
 */
function errorBudget(patternLength: number): number {
  let errors = 0;
  while ((errors + 1) / patternLength <= FUZZY_THRESHOLD) errors++;
  return errors;
}

const JAMO_FIRST = 0x3131;
/** Count of each compatibility jamo (U+3131–U+318E) in the text being tested; zeroed again after each test. */
const textJamo = new Int16Array(0x318e - JAMO_FIRST + 1);

/**
 * A lower bound on the edits needed to find `pattern` in `text`: pattern characters (with multiplicity) that
 * the text lacks, each costing at least one edit. Characters outside the jamo block make it 0 (no bound).
 */
function missingJamo(pattern: string, text: string): number {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i) - JAMO_FIRST;
    if (c < 0 || c >= textJamo.length) return 0;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - JAMO_FIRST;
    if (c >= 0 && c < textJamo.length) textJamo[c]!++;
  }
  let missing = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i) - JAMO_FIRST;
    if (textJamo[c]! > 0) textJamo[c]!--;
    else missing++;
  }
  textJamo.fill(0);
  return missing;
}
