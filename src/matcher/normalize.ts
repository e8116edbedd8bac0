/**
 * Korean-aware text normalisation, shared by indexing (FAQ text) and querying (chat messages) so that both
 * sides reduce to the same stems. Pure functions (stemming keeps one bounded memo: indexing repeats words).
 */
import { convertQwertyToHangul, disassemble, getChoseong } from 'es-hangul';
import { COLLOQUIAL, ENDINGS, PARTICLES, PROTECTED_WORDS, STOPWORDS, VERBAL_ENDINGS } from './korean-lexicon';

const PARTICLE_SET: ReadonlySet<string> = new Set(PARTICLES);
const VERBAL_ENDING_SET: ReadonlySet<string> = new Set(VERBAL_ENDINGS);
/** Particles that may come before the polite 요 ("취소는요"); not 와/과/의 ("들어와요" is a verb). */
const AFTER_POLITE: ReadonlySet<string> = new Set(['은', '는', '이', '가', '을', '를', '에', '도', '만', '로', '으로', '에서']);
/** Endings grouped by their last syllable (longest first): stemming runs on every word of every answer. */
const ENDINGS_BY_LAST: ReadonlyMap<string, readonly string[]> = ENDINGS.reduce((map, e) => {
  const key = e[e.length - 1]!;
  map.set(key, [...(map.get(key) ?? []), e]);
  return map;
}, new Map<string, string[]>());

const COMPAT_JAMO = /[\u3131-\u318e]+/g;
const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;
const ONLY_SYLLABLES = /^[\uac00-\ud7a3]+$/;
const ONLY_CHOSEONG = /^[ㄱ-ㅎ]+$/;
const STEM_CACHE = new Map<string, string>();
/** All {@link COLLOQUIAL} patterns in one: most text (every FAQ answer) needs none of the rewrites. */
const COLLOQUIAL_ANY = new RegExp(COLLOQUIAL.map(([pattern]) => pattern.source).join('|'));
/** Latin and digit runs become words of their own: "pc버전" → "pc 버전", "500개" → "500 개", "kg이니시스". */
const LATIN_OR_DIGIT_RUN = /[a-z]+|[0-9]+/g;
const VOWEL_JAMO_RUN = /[ㅏ-ㅣ]+/g;
/** ㅋㅋ / ㅎㅎ laughter, also glued to a word ("안돼요ㅋㅋ"); a lone choseong query like "ㅎㅂ" is left alone. */
const LAUGHTER = /(?<=[\uac00-\ud7a3])[ㅋㅎ]+|(?<![ㄱ-ㅎ])[ㅋㅎ]{2,}(?![ㄱ-ㅎ])/g;

/**
 * Unicode clean-up. NFKC folds full-width Latin, circled digits and ㈜, but it also turns compatibility jamo
 * into conjoining jamo (and "ㅋㅠ" into "큐"), so jamo runs are kept out of NFKC and only composed with NFC.
 */
function unicodeFold(input: string): string {
  const nfc = input.normalize('NFC');
  if (!/[\u3131-\u318e]/.test(nfc)) return nfc.normalize('NFKC');
  let out = '';
  let last = 0;
  for (const m of nfc.matchAll(COMPAT_JAMO)) {
    out += nfc.slice(last, m.index).normalize('NFKC') + m[0];
    last = m.index + m[0].length;
  }
  return out + nfc.slice(last).normalize('NFKC');
}

/**
 * Canonical surface form of a text: Unicode-folded, lower-cased, colloquial spellings rewritten, punctuation,
 * emoji and emotive jamo (ㅠㅠ ㅋㅋ) removed, Latin/digit/Hangul runs separated ("PC버전" → "pc 버전"),
 * single spaces. Returns "" when nothing meaningful is left.
 *
 * @example normalizeText('환불 어케 받아요?ㅠㅠ') // → '환불 어떻게 받아요'
 */
export function normalizeText(input: string): string {
  const words = plainWords(input);
  if (words === undefined) return normalizeGeneral(input);
  const s = words.join(' ');
  return COLLOQUIAL_ANY.test(s) ? rewriteColloquial(s) : s;
}

/** The words of {@link normalizeText}`(input)`; for indexing, which needs words and not the joined text. */
export function normalizedWords(input: string): string[] {
  const words = plainWords(input);
  if (words !== undefined && !COLLOQUIAL_ANY.test(words.join(' '))) return words;
  const s = normalizeText(input);
  return s ? s.split(' ') : [];
}

function normalizeGeneral(input: string): string {
  let s = unicodeFold(input).toLowerCase();
  s = s.replace(/[^\p{L}\p{N}\s]/gu, ' ');
  // the remaining passes are skipped for text that cannot need them (most FAQ text): indexing runs this on
  // every answer
  if (/[ㄱ-ㅣ]/.test(s)) s = s.replace(VOWEL_JAMO_RUN, ' ').replace(LAUGHTER, ' ');
  if (/[a-z0-9]/.test(s)) s = s.replace(LATIN_OR_DIGIT_RUN, ' $& ');
  if (COLLOQUIAL_ANY.test(s)) s = rewriteColloquial(s);
  return s.replace(/\s+/g, ' ').trim();
}

function rewriteColloquial(text: string): string {
  let s = text;
  for (const [pattern, replacement] of COLLOQUIAL) s = s.replace(pattern, replacement);
  return s;
}

const LATIN = 1;
const DIGIT = 2;
const SYLLABLE = 3;

/**
 * {@link normalizeText} up to the colloquial rewrites, in one scan, for text made only of ASCII and Hangul
 * syllables (nearly all FAQ text and chat; NFC and NFKC leave both unchanged): the words are the maximal runs
 * of Latin letters, digits or syllables. Returns undefined for any other text, which takes the general path.
 * Indexing normalises every answer, and the regular expressions of the general path dominated a large build.
 */
function plainWords(input: string): string[] | undefined {
  const words: string[] = [];
  let kind = 0;
  let start = 0;
  let upper = false;
  // one step past the end, as a separator, so that the last word is flushed inside the loop
  for (let i = 0; i <= input.length; i++) {
    const c = i < input.length ? input.charCodeAt(i) : 0x20;
    let k = 0;
    if (c >= 0xac00 && c <= 0xd7a3) k = SYLLABLE;
    else if (c >= 0x80) return undefined;
    else if (c >= 0x61 && c <= 0x7a) k = LATIN;
    else if (c >= 0x41 && c <= 0x5a) k = LATIN;
    else if (c >= 0x30 && c <= 0x39) k = DIGIT;
    if (k === kind) {
      if (c >= 0x41 && c <= 0x5a) upper = true;
      continue;
    }
    if (kind !== 0) words.push(upper ? input.slice(start, i).toLowerCase() : input.slice(start, i));
    kind = k;
    start = i;
    upper = c >= 0x41 && c <= 0x5a;
  }
  return words;
}

/** Removes all whitespace: FAQ text and chat use spacing inconsistently ("대화 상대" / "대화상대"). */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Number of Hangul syllables and other characters in a word (code points). */
function length(word: string): number {
  return [...word].length;
}

/**
 * Successive forms of a word as particles and endings are stripped from its end, longest first, up to three
 * layers: "환불받으려면" → ["환불받으려면", "환불받", "환불"]. Never below one syllable (two for the verbal
 * endings in {@link VERBAL_ENDINGS}), never from {@link PROTECTED_WORDS}. Non-Hangul words have one form.
 */
export function stemForms(word: string): string[] {
  const forms = [word];
  if (!HANGUL_SYLLABLE.test(word)) return forms;
  let stem = word;
  let afterEnding: string | undefined;
  for (let round = 0; round < 3; round++) {
    if (isProtected(stem)) break;
    const last = stem[stem.length - 1]!;
    const verbal = stem.length >= 3 && VERBAL_ENDING_SET.has(last) ? last : undefined;
    const ending = strippableEnding(stem, last, afterEnding) ?? verbal;
    if (!ending) break;
    afterEnding = PARTICLE_SET.has(ending) ? undefined : ending;
    stem = stem.slice(0, stem.length - ending.length);
    forms.push(stem);
  }
  return forms;
}

/**
 * The longest ending of {@link ENDINGS} that `stem` ends with (its last character is `last`) and that may be
 * stripped after `afterEnding`, the ending stripped before it, if any. A loop, not `find` with a closure:
 * stemming runs on every word of every answer.
 */
function strippableEnding(stem: string, last: string, afterEnding: string | undefined): string | undefined {
  const candidates = ENDINGS_BY_LAST.get(last);
  if (candidates === undefined) return undefined;
  for (const e of candidates) {
    if (!stem.endsWith(e) || stem.length <= e.length) continue;
    // after a verb ending only more verb endings: "들어와요" is 들어와 + 요, not 들어 + 와 (particle) + 요;
    // 요 is also the polite particle after a noun ("취소는요"), so the common particles may precede it
    if (!PARTICLE_SET.has(e) || afterEnding === undefined || (afterEnding === '요' && AFTER_POLITE.has(e))) return e;
  }
  return undefined;
}

/** Protected nouns also protect compounds ending in them: "채널추가" keeps its 가 like "추가". */
function isProtected(stem: string): boolean {
  return PROTECTED_WORDS.has(stem) || PROTECTED_WORDS.has(stem.slice(-2)) || PROTECTED_WORDS.has(stem.slice(-3));
}

/**
 * True when the word is a predicate (verb/adjective form: "들어와요", "끝나면"), i.e. the ending nearest its stem
 * is not a noun particle. Unknown predicates say less about the topic than unknown nouns ("신분증", "톡서랍").
 */
export function isPredicate(word: string): boolean {
  return isPredicateForms(stemForms(word));
}

/** {@link isPredicate} of a word given its {@link stemForms}. */
export function isPredicateForms(forms: readonly string[]): boolean {
  if (forms.length < 2) return false;
  const inner = forms[forms.length - 2]!.slice(forms[forms.length - 1]!.length);
  // 기/음 make nouns of verbs (즐겨찾기, 받음); 하다/되다/받다 attach to nouns (선물하는, 차단됨, 송금받은)
  return !PARTICLE_SET.has(inner) && inner !== '기' && inner !== '음' && !/^[하해했할함합되돼됐된됨받]/.test(inner);
}

/**
 * The fully stripped stem of one normalised word (last of {@link stemForms}).
 *
 * @example stemWord('환불받으려면') // → '환불'
 */
export function stemWord(word: string): string {
  let stem = STEM_CACHE.get(word);
  if (stem === undefined) {
    const forms = stemForms(word);
    stem = forms[forms.length - 1]!;
    // bounded: indexing a large FAQ repeats the same words, but chat input must not grow memory forever
    if (STEM_CACHE.size >= 100_000) STEM_CACHE.clear();
    STEM_CACHE.set(word, stem);
  }
  return stem;
}

/** True for words that carry no topic (question words, filler, politeness); see {@link STOPWORDS}. */
export function isStopword(stem: string): boolean {
  return STOPWORDS.has(stem);
}

/**
 * Content stems of a text: normalised, split on spaces, particles/endings stripped, stopwords dropped.
 * Used for FAQ fields and queries alike.
 *
 * @example contentStems('환불 계좌는 어떻게 등록 하나요?') // → ['환불', '계좌', '등록']
 */
export function contentStems(text: string): string[] {
  return stemsOfNormalized(normalizeText(text));
}

/**
 * {@link contentStems} of text that is already the output of {@link normalizeText}. `memo` (word → stem, null
 * for a stopword) lets indexing stem each distinct word of a large FAQ once.
 */
export function stemsOfNormalized(normalized: string, memo?: Map<string, string | null>): string[] {
  return stemsOfWords(normalized.split(' '), memo);
}

/** {@link stemsOfNormalized} of the words of a normalised text (see {@link normalizedWords}). */
export function stemsOfWords(words: readonly string[], memo?: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (!word) continue;
    let stem = memo?.get(word);
    if (stem === undefined) {
      const s = stemWord(word);
      stem = s && !isStopword(s) && !isStopword(word) ? s : null;
      memo?.set(word, stem);
    }
    if (stem !== null) out.push(stem);
  }
  return out;
}

/**
 * Negated predicates: "안 돼요", "안됨", "못받음", "않아요", "없어요" (but not 안내, 안드로이드, 없애다).
 * A complaint ("메일로 못 받음") is about the entry that states the problem ("받지 못한 경우"), not the how-to.
 */
const NEGATION = /^(?:안|못|\S*않\S*|\S*없(?!애)\S*|(?:안|못)(?:돼|되|됨|와|옴|맞|보|들|받|나|열|떠|뜨|넘어|가|해|함|한|할|됐)\S*|\S+지못\S*)$/;

/** True when a normalised text contains a negated predicate (see {@link NEGATION}). */
export function hasNegation(normalized: string): boolean {
  // every alternative of NEGATION needs one of these syllables; most text has none (indexing tests every title)
  if (!/[안못않없]|불가/.test(normalized)) return false;
  for (const word of normalized.split(' ')) if (NEGATION.test(word)) return true;
  return /(?:불가|불가능)/.test(normalized);
}

/** es-hangul's `disassemble` of each character from U+3131 (compatibility jamo) to U+D7A3, made on first use. */
const JAMO_OF: (string | undefined)[] = [];
const JAMO_FIRST = 0x3131;
const JAMO_LAST = 0xd7a3;

/**
 * Jamo string of a text (es-hangul `disassemble`): "환불" → "ㅎㅗㅏㄴㅂㅜㄹ". One typo costs one jamo, not a syllable.
 * `disassemble` works character by character, so each character's result is kept (a bounded table): calling
 * it on whole words allocated arrays per character, on every query.
 */
export function toJamo(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < JAMO_FIRST || code > JAMO_LAST) {
      out += text[i];
      continue;
    }
    let jamo = JAMO_OF[code - JAMO_FIRST];
    if (jamo === undefined) JAMO_OF[code - JAMO_FIRST] = jamo = disassemble(String.fromCharCode(code));
    out += jamo;
  }
  return out;
}

/** Initial consonants of a Hangul word ("환불" → "ㅎㅂ"), for queries typed as 초성. */
export function toChoseong(word: string): string {
  return getChoseong(word);
}

/** True when a word is Hangul syllables only (the only words that particles, jamo typos and 초성 apply to). */
export function isHangulWord(word: string): boolean {
  return ONLY_SYLLABLES.test(word);
}

/** True when a word is typed as initial consonants only ("ㅎㅂ"). */
export function isChoseongWord(word: string): boolean {
  return ONLY_CHOSEONG.test(word);
}

/**
 * Re-reads a Latin word typed with the keyboard in the wrong layout ("ghksqnf" → "환불", "rPwhk" → "계좌";
 * case matters, Shift gives ㄲ/ㅖ). Returns undefined unless the result is at least two complete syllables,
 * which English words almost never produce ("zzzz" → ㅋㅋㅋㅋ, "extra" → ㄷㅌㅅㄱㅁ are rejected).
 */
export function fixKeyboardLayout(rawWord: string): string | undefined {
  if (!/^[a-zA-Z]{3,}$/.test(rawWord)) return undefined;
  let hangul: string;
  try {
    hangul = convertQwertyToHangul(rawWord);
  } catch {
    // es-hangul 2.4 throws on some key sequences ("hkq" → ㅗ + ㅘ + ㅂ); such input is not Korean anyway
    return undefined;
  }
  return ONLY_SYLLABLES.test(hangul) && length(hangul) >= 2 ? hangul : undefined;
}
