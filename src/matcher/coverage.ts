/**
 * Question coverage for re-ranking (./rank.ts): how much of one question variant of an entry a query accounts
 * for, by the IDF-weighted characters of the variant's content stems.
 */
import type { RankData } from './rank-data';
import { MASK_WORDS, maskWithin } from './text-filters';

/** The query side of {@link variantCoverage}, with the coverage of each question word seen so far. */
export interface Coverage {
  forms: readonly string[];
  /** `writeCharMask` of each of {@link forms}, `MASK_WORDS` words each. */
  formMasks: Int32Array;
  compact: string;
  /** `writeCharMask` of {@link compact}. */
  compactMask: Int32Array;
  /** This query's stamp in the coverage memo of {@link RankData}. */
  stamp: number;
}

/**
 * How much of question variant `v` (the question or one alternate) the query accounts for (IDF-weighted
 * characters of its content stems). It separates "월렛이란?" from "월렛 상태는?" for "월렛 설명".
 */
export function variantCoverage(data: RankData, v: number, coverage: Coverage): number {
  const { stemStart, stemIds, stemWeight } = data;
  let total = 0;
  let got = 0;
  for (let k = stemStart[v]!, end = stemStart[v + 1]!; k < end; k++) {
    const id = stemIds[k]!;
    if (data.coverageStamp[id] !== coverage.stamp) {
      data.coverage[id] = stemCovered(data, id, coverage);
      data.coverageStamp[id] = coverage.stamp;
    }
    const weight = stemWeight[id]!;
    total += weight;
    got += weight * data.coverage[id]!;
  }
  return total > 0 ? got / total : 0;
}

/**
 * Share of the characters of stem `id` found in the query (1 when the query contains the stem). A text can only
 * contain another whose character mask is within its own: the masks skip most substring searches.
 */
function stemCovered(data: RankData, id: number, coverage: Coverage): number {
  const stem = data.stems[id]!;
  const { forms, formMasks } = coverage;
  const maskAt = id * MASK_WORDS;
  if (maskWithin(data.stemMask, maskAt, coverage.compactMask, 0) && coverage.compact.includes(stem)) return 1;
  for (let k = 0; k < forms.length; k++) {
    if (forms[k]!.length >= stem.length && maskWithin(data.stemMask, maskAt, formMasks, k * MASK_WORDS) && forms[k]!.includes(stem)) return 1;
  }
  // mark the characters under every occurrence of every form (one search per occurrence, not per character);
  // stems are short, so the marks are bits of a number (an array only for a "stem" of 31+ characters)
  let bits = 0;
  let long: Uint8Array | undefined;
  for (let k = 0; k < forms.length; k++) {
    const f = forms[k]!;
    if (f.length > stem.length || !maskWithin(formMasks, k * MASK_WORDS, data.stemMask, maskAt)) continue;
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
