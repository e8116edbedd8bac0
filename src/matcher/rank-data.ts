/**
 * What re-ranking reads of the entries, built once per matcher and stored by column. A query ranks ~40 entries
 * picked at random from the whole FAQ; one array read per field costs far less than an object per entry with
 * arrays of objects inside (that object graph was most of the ranking time, in cache misses, and most of the
 * objects a large FAQ kept alive for the garbage collector to trace).
 */
import { runToEnd, sliceEnds, type BuildSteps } from './build-steps';
import { bloomBit, bloomWords, MASK_WORDS, maskWithin, pairHash, writeCharMask } from './text-filters';
import { toJamo } from './hangul';

/**
 * Platforms that split one question into several entries (same text under iOS / 안드로이드 / Windows).
 * Maps any way of naming the platform to the category name used in the data.
 */
const PLATFORMS: Readonly<Record<string, string>> = {
  ios: 'ios', 아이폰: 'ios', iphone: 'ios', 아이패드: 'ios', ipad: 'ios',
  안드로이드: '안드로이드', android: '안드로이드', 갤럭시: '안드로이드', galaxy: '안드로이드',
  windows: 'windows', 윈도우: 'windows', 윈도: 'windows', pc: 'windows', 피씨: 'windows',
  mac: 'mac', macos: 'mac', 맥: 'mac', 맥북: 'mac',
};

/** The number of the platform each word of {@link PLATFORMS} names, from 1 (0 in {@link RankData.platform}: none). */
const PLATFORM_NUMBERS: ReadonlyMap<string, number> = (() => {
  const names = [...new Set(Object.values(PLATFORMS))];
  return new Map(Object.entries(PLATFORMS).map(([word, name]) => [word, names.indexOf(name) + 1]));
})();

/** The number of the platform `word` names (see {@link PLATFORM_NUMBERS}), 0 when it names none. */
export function platformNamed(word: string): number {
  return PLATFORM_NUMBERS.get(word) ?? 0;
}

/** Joins the parts of a field; normalised query forms are letters and digits, so they never span a join. */
export const FIELD_SEPARATOR = '\u0001';

/** One entry as indexing prepared it (all text compact: normalised, spaces removed). */
export interface RankEntry {
  /** Question, alternate questions (one per {@link titleVariants}, in that order) and keywords. */
  titles: readonly string[];
  /** Category names, root first. */
  categories: readonly string[];
  answer: string;
  /** Content stems of the question and of each alternate question. */
  titleVariants: readonly (readonly string[])[];
  /** The question (or an alternate) states a problem: "안 돼요", "받지 못한", "확인되지 않아요". */
  negated: boolean;
}

/** A jamo string of a title or category, for fuzzy matching. */
export interface FuzzyText {
  text: string;
  field: 'title' | 'categories';
}

/** The entries as ranking reads them, by position. Immutable apart from the per-query coverage scratch. */
export class RankData {
  /** Titles of each entry joined by {@link FIELD_SEPARATOR}: one containment check instead of one per title. */
  readonly titleText: string[];
  /** Compact text of each question variant (numbered like {@link variantStart}): the question, each alternate. */
  readonly variantText: string[];
  /** Keywords of each entry joined by {@link FIELD_SEPARATOR} ("" for none): title evidence for every variant. */
  readonly keywordText: string[];
  /** Categories of each entry joined by {@link FIELD_SEPARATOR}. */
  readonly categoryText: string[];
  /** Category names of each entry (shared between entries with the same path). */
  readonly categories: (readonly string[])[];
  /** Compact answer of each entry. */
  readonly answer: string[];
  /** 1 when the entry states a problem (see {@link RankEntry.negated}). */
  readonly negated: Uint8Array;
  /** The platform named by each entry's categories (the first one, see {@link platformNamed}), 0 for none. */
  readonly platform: Uint8Array;
  /**
   * Title stems: entry e's question variants are v = variantStart[e] .. variantStart[e + 1] - 1, and variant v's
   * stems (distinct, in order) are stems[stemIds[k]] for k = stemStart[v] .. stemStart[v + 1] - 1.
   */
  readonly variantStart: Int32Array;
  readonly stemStart: Int32Array;
  readonly stemIds: Int32Array;
  /** Vocabulary of question stems and the weight of each in question coverage. */
  readonly stems: string[];
  readonly stemWeight: Float64Array;
  /** {@link writeCharMask} of each of {@link stems}, {@link MASK_WORDS} words each. */
  readonly stemMask: Int32Array;
  /**
   * Bloom filter of the syllable pairs in each entry's compact answer (bits in answerBloom[bloomStart[e] ..
   * bloomStart[e + 1]) words, ~4 bits a pair): a form with a pair missing from it cannot be in the answer, so
   * most answer scans are skipped. It only rules out, never in: the scan still decides.
   */
  readonly answerBloom: Int32Array;
  readonly bloomStart: Int32Array;
  /**
   * {@link writeCharMask} of each entry's {@link titleText}, then of its {@link categoryText}: {@link MASK_WORDS}
   * words each, side by side (one cache line per entry; a query reads ~40 entries at random). A form with a
   * character missing from a mask is not in the text, and most forms checked against a shortlisted entry are
   * not: the substring checks were most of the ranking time.
   */
  readonly fieldMasks: Int32Array;
  /** 1 when the entry's only title is its question (no alternates, no keywords). */
  readonly oneTitle: Uint8Array;
  /** Per-query memo of {@link stems}' coverage: valid where coverageStamp equals the current query's stamp. */
  readonly coverage: Float64Array;
  readonly coverageStamp: Int32Array;
  private stamp = 0;
  private readonly jamo: (readonly FuzzyText[] | undefined)[];

  /**
   * Built by {@link rankDataSteps}, or at once from `entries`: `weightOf` gives a question stem's weight in
   * coverage (called once per distinct stem).
   */
  constructor(source: readonly RankEntry[] | RankDataParts, weightOf?: (stem: string) => number) {
    const parts = 'titleText' in source ? source : runToEnd(rankDataParts(source, weightOf ?? (() => 1)));
    this.titleText = parts.titleText;
    this.variantText = parts.variantText;
    this.keywordText = parts.keywordText;
    this.categoryText = parts.categoryText;
    this.categories = parts.categories;
    this.answer = parts.answer;
    this.negated = parts.negated;
    this.platform = parts.platform;
    this.variantStart = parts.variantStart;
    this.stemStart = parts.stemStart;
    this.stemIds = parts.stemIds;
    this.stems = parts.stems;
    this.stemWeight = parts.stemWeight;
    this.stemMask = parts.stemMask;
    this.answerBloom = parts.answerBloom;
    this.bloomStart = parts.bloomStart;
    this.fieldMasks = parts.fieldMasks;
    this.oneTitle = parts.oneTitle;
    this.jamo = new Array<undefined>(parts.answer.length).fill(undefined);
    this.coverage = new Float64Array(parts.stems.length);
    this.coverageStamp = new Int32Array(parts.stems.length);
  }

  /** Number of entries. */
  get size(): number {
    return this.answer.length;
  }

  /** Starts a query: forgets the coverage memo of the previous one (in O(1), by a new stamp). */
  nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.coverageStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /**
   * False when entry `doc`'s answer cannot contain a text whose pair hashes (see `writePairHashes`, text-filters.ts) are
   * `hashes[from .. to)` (some pair is missing); true when it may.
   */
  answerMayContain(doc: number, hashes: Int32Array, from: number, to: number): boolean {
    const start = this.bloomStart[doc]!;
    const bits = (this.bloomStart[doc + 1]! - start) * 32;
    if (bits === 0) return from === to;
    for (let k = from; k < to; k++) {
      const bit = bloomBit(hashes[k]!, bits);
      if ((this.answerBloom[start + (bit >>> 5)]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /**
   * False when entry `doc`'s titles cannot contain the text whose {@link writeCharMask} is `masks` at
   * `form × MASK_WORDS`; true when they may.
   */
  titlesMayContain(doc: number, masks: Int32Array, form: number): boolean {
    return maskWithin(masks, form * MASK_WORDS, this.fieldMasks, doc * 2 * MASK_WORDS);
  }

  /** {@link titlesMayContain} for the entry's categories. */
  categoriesMayContain(doc: number, masks: Int32Array, form: number): boolean {
    return maskWithin(masks, form * MASK_WORDS, this.fieldMasks, (doc * 2 + 1) * MASK_WORDS);
  }

  /** Jamo of an entry's titles and categories, made on first use (few entries ever reach fuzzy matching). */
  fuzzyTexts(doc: number): readonly FuzzyText[] {
    let texts = this.jamo[doc];
    if (texts === undefined) {
      texts = [
        ...this.titleText[doc]!.split(FIELD_SEPARATOR).map((t) => ({ text: toJamo(t), field: 'title' as const })),
        ...this.categories[doc]!.map((c) => ({ text: toJamo(c), field: 'categories' as const })),
      ];
      this.jamo[doc] = texts;
    }
    return texts;
  }
}

/** The columns of {@link RankData} as a build fills them. */
type RankDataParts = Pick<
  RankData,
  | 'titleText' | 'variantText' | 'keywordText' | 'categoryText' | 'categories' | 'answer' | 'negated' | 'platform'
  | 'variantStart' | 'stemStart' | 'stemIds' | 'stems' | 'stemWeight' | 'answerBloom' | 'bloomStart'
  | 'fieldMasks' | 'oneTitle' | 'stemMask'
>;

/** Builds the columns, yielding between slices of entries. */
export function* rankDataSteps(entries: readonly RankEntry[], weightOf: (stem: string) => number): BuildSteps<RankData> {
  return new RankData(yield* rankDataParts(entries, weightOf));
}

function* rankDataParts(entries: readonly RankEntry[], weightOf: (stem: string) => number): BuildSteps<RankDataParts> {
  const n = entries.length;
  const titleText: string[] = [];
  const variantText: string[] = [];
  const keywordText: string[] = [];
  const categoryText: string[] = [];
  const categories: (readonly string[])[] = [];
  const answer: string[] = [];
  const platform = new Uint8Array(n);
  const stems: string[] = [];
  const negated = new Uint8Array(n);
  const stemId = new Map<string, number>();
  const weights: number[] = [];
  const variantStart = [0];
  const stemStart = [0];
  const stemIds: number[] = [];
  const paths = new Map<string, readonly string[]>();
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    titleText.push(e.titles.join(FIELD_SEPARATOR));
    const joinedCategories = e.categories.join(FIELD_SEPARATOR);
    let path = paths.get(joinedCategories);
    if (path === undefined) paths.set(joinedCategories, (path = e.categories));
    categoryText.push(joinedCategories);
    categories.push(path);
    answer.push(e.answer);
    negated[i] = e.negated ? 1 : 0;
    platform[i] = path.map(platformNamed).find((p) => p !== 0) ?? 0;
    // titles are the question variants (question, alternates) followed by the keywords
    for (let v = 0; v < e.titleVariants.length; v++) variantText.push(e.titles[v] ?? '');
    keywordText.push(e.titles.slice(e.titleVariants.length).join(FIELD_SEPARATOR));
    for (const variant of e.titleVariants) {
      for (const stem of new Set(variant)) {
        let id = stemId.get(stem);
        if (id === undefined) {
          stemId.set(stem, (id = stems.length));
          stems.push(stem);
          weights.push(weightOf(stem));
        }
        stemIds.push(id);
      }
      stemStart.push(stemIds.length);
    }
    variantStart.push(stemStart.length - 1);
    if (sliceEnds(i)) yield;
  }
  const bloomStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) bloomStart[i + 1] = bloomStart[i]! + bloomWords(answer[i]!.length);
  const answerBloom = new Int32Array(bloomStart[n]!);
  const fieldMasks = new Int32Array(n * 2 * MASK_WORDS);
  const oneTitle = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    writeCharMask(titleText[i]!, fieldMasks, i * 2 * MASK_WORDS);
    writeCharMask(categoryText[i]!, fieldMasks, (i * 2 + 1) * MASK_WORDS);
    oneTitle[i] = variantStart[i + 1]! - variantStart[i]! === 1 && keywordText[i] === '' ? 1 : 0;
    const text = answer[i]!;
    const start = bloomStart[i]!;
    const bits = (bloomStart[i + 1]! - start) * 32;
    for (let k = 0; k + 1 < text.length; k++) {
      const bit = bloomBit(pairHash(text.charCodeAt(k), text.charCodeAt(k + 1)), bits);
      answerBloom[start + (bit >>> 5)]! |= 1 << (bit & 31);
    }
    if (sliceEnds(i)) yield;
  }
  const stemMask = new Int32Array(stems.length * MASK_WORDS);
  for (let id = 0; id < stems.length; id++) writeCharMask(stems[id]!, stemMask, id * MASK_WORDS);
  return {
    titleText, variantText, keywordText, categoryText, categories, answer, negated, platform,
    variantStart: Int32Array.from(variantStart),
    stemStart: Int32Array.from(stemStart),
    stemIds: Int32Array.from(stemIds),
    stems,
    stemWeight: Float64Array.from(weights),
    answerBloom,
    bloomStart,
    fieldMasks,
    oneTitle,
    stemMask,
  };
}
