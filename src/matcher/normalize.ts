/**
 * Korean-aware text normalisation, shared by indexing (FAQ text) and querying (chat messages) so that both
 * sides reduce to the same surface form. Pure functions. Stemming is stemming.ts; jamo, 초성 and keyboard
 * layout are hangul.ts.
 */
import { COLLOQUIAL } from './korean-lexicon';

const COMPAT_JAMO = /[\u3131-\u318e]+/g;
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
