/**
 * Fuzzy evidence for re-ranking: fuse.js's Bitap scores on jamo strings of the best few shortlisted entries, for
 * query words that match nothing exactly. One typo costs one jamo of the pattern, not a whole syllable. The scores
 * are fuse.js's (see fuseScore), computed by ./edit-distance.ts without building a Fuse collection per word;
 * test/matcher/edit-distance.test.ts checks them against fuse.js itself.
 */
import { MAX_PATTERN, substringDistances } from './edit-distance';
import { toJamo } from './hangul';
import { Scratch } from './scratch';
import type { QueryTerm } from './query';
import type { FuzzyText, RankData } from './rank-data';

/** The distances of one query word's candidates, reused from word to word (see scratch.ts). */
const scratch = new Scratch();

/** Scores above this are not evidence; below it they earn partial credit, at most {@link FUZZY_MAX}. */
const FUZZY_THRESHOLD = 0.3;
const FUZZY_MAX = 0.7;

/**
 * Bitap scores on jamo strings of the shortlist's titles and categories, for terms with no exact match there:
 * inflected or slightly misspelt words ("만드는" vs "만들", "설정창" vs "설정") earn partial credit.
 * Returns evidence[term][shortlist slot], up to {@link FUZZY_MAX} × the field's weight. Only the shortlist's
 * texts are scored, never the whole FAQ's.
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
    if (pattern.length < 4 || pattern.length > MAX_PATTERN) continue;
    // each record is scored on its own, so leaving out the records that cannot match changes no score; most
    // records fail this cheap test
    const budget = errorBudget(pattern.length);
    const candidates = records.filter((r) => missingJamo(pattern, r.text) <= budget);
    if (candidates.length === 0) continue;
    const distances = scratch.int32(0, candidates.length);
    substringDistances(pattern, candidates.map((r) => r.text), distances);
    for (let c = 0; c < candidates.length; c++) {
      const { slot, field, text } = candidates[c]!;
      const score = fuseScore(pattern, text, distances[c]!, budget);
      if (score === undefined) continue;
      row[slot] = Math.max(row[slot]!, FUZZY_MAX * (1 - score / FUZZY_THRESHOLD) * fieldWeight[field]);
    }
  }
  return out;
}

/**
 * fuse.js's score for `text` against `pattern`, `distance` edits apart (see edit-distance.ts), with the options
 * fuzzy matching always used (`ignoreLocation`, `ignoreFieldNorm`, `isCaseSensitive`, threshold
 * {@link FUZZY_THRESHOLD}, one key): undefined past the threshold or for a blank text (Fuse never indexes one);
 * else edits ÷ pattern length, at least 0.001 (Bitap's floor), and `Number.EPSILON` for a text equal to the
 * pattern (Fuse's exact match, scored 0, then raised to ε when it combines key scores). Kept to the bit, so that
 * no confidence changed when Fuse went. `budget` is {@link errorBudget} of the pattern's length.
 * @internal exported for its test against fuse.js
 */
export function fuseScore(pattern: string, text: string, distance: number, budget: number): number | undefined {
  if (distance > budget || text.trim() === '') return undefined;
  return text === pattern ? Number.EPSILON : Math.max(0.001, distance / pattern.length);
}

/** A jamo text of the shortlisted entry in `slot`. */
interface FuzzyRecord extends FuzzyText {
  slot: number;
}

/**
 * Most errors fuse.js's Bitap search accepts for a pattern: it tries 0, 1, 2, … errors while
 * errors / pattern length stays within the threshold (with `ignoreLocation`, the score is exactly that ratio).
 * @internal exported for the test of {@link fuseScore}
 */
export function errorBudget(patternLength: number): number {
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
