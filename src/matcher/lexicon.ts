/**
 * The FAQ's vocabulary (every stem of every field) and three lookups on it that repair chat input before
 * matching: splitting run-together words, correcting jamo typos, and reading 초성 (initial-consonant) queries.
 * All lookups are hash-based, so they stay fast as the vocabulary grows.
 */
import { sliceEnds, type BuildSteps } from './build-steps';
import { ENDINGS } from './korean-lexicon';
import { isChoseongWord, isHangulWord, toChoseong, toJamo } from './hangul';
import { isStopword } from './stemming';

/** A vocabulary word proposed for a query word, with how much to trust it (0–1). */
export interface Suggestion {
  term: string;
  quality: number;
}

/** Where a stem occurs: title-like fields (question/alternates/keywords/categories) or only the answer. */
type Source = 'title' | 'answer';

const FUNCTION_PIECES: ReadonlySet<string> = new Set(ENDINGS);
/** How much a typo-corrected word is worth next to the word itself (1). */
const TYPO_QUALITY = 0.8;
/** Longer words are run-together phrases (segmented instead); their deletion keys would cost O(length²). */
const MAX_TYPO_WORD = 12;
/** Longest vocabulary word tried when splitting a run-together word. */
const MAX_PIECE = 12;

/** Vocabulary with segmentation, typo and 초성 lookups. Immutable once built. */
export class Lexicon {
  private readonly terms: Map<string, Source>;
  /** Jamo string with one jamo deleted → terms (SymSpell-style, edit distance 1 by hash lookups only). */
  private readonly deletes: Map<string, string[]>;
  private readonly choseong: Map<string, string[]>;
  private readonly jamo: Map<string, string>;
  private readonly maxTermLength: number;

  /** Use {@link lexiconSteps} to build one. */
  constructor(parts: LexiconParts) {
    this.terms = parts.terms;
    this.deletes = parts.deletes;
    this.choseong = parts.choseong;
    this.jamo = parts.jamo;
    this.maxTermLength = parts.maxTermLength;
  }

  /** True when the stem is a word of the FAQ (any field). */
  has(stem: string): boolean {
    return this.terms.has(stem);
  }

  /** Title-field words one likely typo away from a Hangul word ("헤제" → 해제, "환뷸" → 환불, "택뱃사" → 택배사). */
  correct(word: string): Suggestion[] {
    if (!isHangulWord(word) || word.length < 2 || word.length > MAX_TYPO_WORD || this.terms.has(word)) return [];
    const jamo = toJamo(word);
    // terms in first-found order, as the deletion keys are tried: the word itself, then without jamo 0, 1, …
    const found: string[] = [];
    for (let i = -1; i < jamo.length; i++) {
      const key = i < 0 ? jamo : jamo.slice(0, i) + jamo.slice(i + 1);
      for (const t of this.deletes.get(key) ?? []) if (!found.includes(t)) found.push(t);
    }
    const out: Suggestion[] = [];
    for (const term of found) {
      if (Math.abs(term.length - word.length) > 1 || !isLikelyTypo(jamo, this.jamo.get(term) ?? '')) continue;
      out.push({ term, quality: TYPO_QUALITY });
      if (out.length === 3) break;
    }
    return out;
  }

  /** Vocabulary words whose initial consonants are exactly `word` ("ㅎㅂ" → 환불, …). */
  expandChoseong(word: string): string[] {
    return isChoseongWord(word) ? (this.choseong.get(word) ?? []) : [];
  }

  /**
   * Splits a run-together word into vocabulary words by dynamic programming (most characters covered by
   * known pieces, then fewest pieces): "잔존율측정저장" → 잔존율 측정 저장, "비즈샵에서탈퇴하는법좀" → 비즈샵 탈퇴.
   * Particles and endings inside the run are consumed and dropped. Uncovered runs of 2+ characters are kept
   * (they are unknown words and count against a match). Returns undefined when no useful split exists.
   */
  segment(word: string, extraWords: ReadonlySet<string> = new Set()): string[] | undefined {
    // one-syllable content pieces are not trusted: "감사합니다" is not 감 + 사 + 합니다
    const isContent = (s: string) => s.length >= 2 && (this.terms.has(s) || extraWords.has(s));
    const isPiece = (s: string) => isContent(s) || FUNCTION_PIECES.has(s) || isStopword(s);
    return segmentWith(word, isPiece, this.maxTermLength, isContent);
  }

  /** Splits a run of 초성 into known words' 초성 ("ㅎㅂㄱㅈ" → ㅎㅂ ㄱㅈ). */
  segmentChoseong(word: string): string[] | undefined {
    return segmentWith(word, (s) => this.choseong.has(s), this.maxTermLength, (s) => this.choseong.has(s));
  }
}

interface LexiconParts {
  terms: Map<string, Source>;
  deletes: Map<string, string[]>;
  choseong: Map<string, string[]>;
  jamo: Map<string, string>;
  maxTermLength: number;
}


/** Builds the lexicon of the words of title-like fields and of answers, yielding between slices of words. */
export function* lexiconSteps(titleStems: Iterable<string>, answerStems: Iterable<string>): BuildSteps<Lexicon> {
  const parts: LexiconParts = { terms: new Map(), deletes: new Map(), choseong: new Map(), jamo: new Map(), maxTermLength: 1 };
  const { terms } = parts;
  for (const s of titleStems) terms.set(s, 'title');
  for (const s of answerStems) if (!terms.has(s)) terms.set(s, 'answer');
  yield;
  let i = 0;
  for (const [term, source] of terms) {
    if (sliceEnds(i++)) yield;
    parts.maxTermLength = Math.min(MAX_PIECE, Math.max(parts.maxTermLength, term.length));
    // Typo and 초성 lookups only know title-like words: answers would make every 2-consonant query ambiguous
    // and multiply the index size by the length of the answers.
    if (source !== 'title' || !isHangulWord(term) || term.length < 2 || isStopword(term)) continue;
    push(parts.choseong, toChoseong(term), term);
    // correct() only looks up words of at most MAX_TYPO_WORD syllables, give or take one, so longer terms
    // are never found there, and their deletion keys cost O(length²): a 5,000-syllable "word" in a question
    // once took minutes and gigabytes to index.
    if (term.length > MAX_TYPO_WORD + 1) continue;
    const jamo = toJamo(term);
    parts.jamo.set(term, jamo);
    for (const key of deletionKeys(jamo)) push(parts.deletes, key, term);
  }
  return new Lexicon(parts);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** The string itself and every string with one character deleted. */
function deletionKeys(s: string): Set<string> {
  const keys = new Set([s]);
  for (let i = 0; i < s.length; i++) keys.add(s.slice(0, i) + s.slice(i + 1));
  return keys;
}

/**
 * Jamo pairs people actually confuse: similar vowels (ㅐ/ㅔ, ㅓ/ㅕ, ㅜ/ㅠ, 웰렛/월렛, 춰소/취소), plain/tense/
 * aspirated consonants (모먼드/모먼트, 헬쓰/헬스), nasals and liquids written as pronounced (적닙금/적립금,
 * 영수즘/영수증, 잔존률/잔존율), and same-row neighbours on the 두벌식 keyboard.
 */
const CONFUSABLE: ReadonlySet<string> = new Set(
  [
    'ㅐㅔ', 'ㅒㅖ', 'ㅓㅕ', 'ㅗㅛ', 'ㅜㅠ', 'ㅓㅔ', 'ㅓㅣ', 'ㅏㅑ', 'ㅕㅑ', 'ㅑㅐ', 'ㅗㅓ', 'ㅓㅏ', 'ㅏㅣ', 'ㅜㅡ',
    'ㄱㄲ', 'ㄱㅋ', 'ㄲㅋ', 'ㄷㄸ', 'ㄷㅌ', 'ㄸㅌ', 'ㅂㅃ', 'ㅂㅍ', 'ㅃㅍ', 'ㅅㅆ', 'ㅈㅉ', 'ㅈㅊ', 'ㅉㅊ',
    'ㄴㄹ', 'ㄴㅁ', 'ㅁㅇ', 'ㄴㅇ', 'ㅇㄹ', 'ㅂㅈ', 'ㅈㄷ', 'ㄷㄱ', 'ㄱㅅ', 'ㅋㅌ', 'ㅌㅊ', 'ㅊㅍ',
  ].flatMap((p) => [p, [...p].reverse().join('')]),
);

/**
 * One confusable substitution, or one inserted/dropped ㅅ (사이시옷: 택뱃사/택배사). An arbitrary one-jamo
 * edit is not enough: it would "correct" real words the FAQ lacks (해지 → 해제, 차단 → 하단, 비용 → 이용).
 */
function isLikelyTypo(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) && CONFUSABLE.has(a[i]! + b[i]!);
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long[i] === 'ㅅ' && long.slice(i + 1) === short.slice(i);
}

function segmentWith(
  word: string,
  isPiece: (s: string) => boolean,
  maxLen: number,
  isContent: (s: string) => boolean,
): string[] | undefined {
  const n = word.length;
  if (n < 3) return undefined;
  // best[i]: [characters covered by known pieces, -pieces] for word.slice(0, i); back[i]: start of last piece
  const best: [number, number][] = [[0, 0]];
  const back: number[] = [0];
  for (let i = 1; i <= n; i++) {
    let top: [number, number] = [-1, 0];
    let from = i - 1;
    for (let j = Math.max(0, i - maxLen); j < i; j++) {
      const piece = word.slice(j, i);
      const known = isPiece(piece);
      if (!known && i - j > 1) continue;
      const prev = best[j]!;
      const cand: [number, number] = [prev[0] + (known ? i - j : 0), prev[1] - 1];
      if (cand[0] > top[0] || (cand[0] === top[0] && cand[1] > top[1])) {
        top = cand;
        from = j;
      }
    }
    best.push(top);
    back.push(from);
  }
  const pieces: string[] = [];
  for (let i = n; i > 0; i = back[i]!) pieces.unshift(word.slice(back[i]!, i));
  // glue consecutive unknown single characters back together ("차단" stays a word, not 차 + 단)
  const merged: string[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last !== undefined && !isPiece(p) && !isPiece(last)) merged[merged.length - 1] = last + p;
    else merged.push(p);
  }
  const content = merged.filter((p) => isContent(p) && !isStopword(p) && !FUNCTION_PIECES.has(p));
  const covered = merged.filter(isPiece).reduce((k, p) => k + p.length, 0);
  if (content.length === 0 || merged.length < 2 || covered < n * 0.5) return undefined;
  return merged.filter((p) => !FUNCTION_PIECES.has(p) && !isStopword(p) && (isPiece(p) || p.length >= 2));
}
