/**
 * Hangul script helpers for typo tolerance: jamo strings (one typo costs one jamo), 초성 words, and Latin
 * typed with the keyboard in the wrong layout. Pure functions.
 */
import { convertQwertyToHangul, disassemble, getChoseong } from 'es-hangul';

const ONLY_SYLLABLES = /^[\uac00-\ud7a3]+$/;
const ONLY_CHOSEONG = /^[ㄱ-ㅎ]+$/;

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

/** Number of Hangul syllables and other characters in a word (code points). */
function length(word: string): number {
  return [...word].length;
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
