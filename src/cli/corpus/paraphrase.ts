/**
 * How chat users actually type an FAQ question: particles dropped, spaces gone, colloquial endings
 * (어케, 돼요?, ㅠㅠ), a one-jamo typo, or just the keywords. Each function is pure given its Random.
 */
import type { Random } from './random';
import { stripParticle } from './seed-vocabulary';

const HANGUL_BASE = 0xac00;
const HANGUL_LAST = 0xd7a3;
// Medial vowels (중성) next to each other on the 2-set keyboard or easily confused in speech, by index.
const VOWEL_SWAPS: Readonly<Record<number, number>> = { 0: 4, 4: 0, 1: 5, 5: 1, 8: 13, 13: 8, 2: 6, 6: 2, 20: 18, 18: 20 };
// Initial consonants (초성) that differ by Shift or aspiration: ㄱ↔ㅋ, ㄷ↔ㅌ, ㅂ↔ㅍ, ㅈ↔ㅊ, ㅅ↔ㅆ.
const INITIAL_SWAPS: Readonly<Record<number, number>> = {
  0: 15, 15: 0, 3: 16, 16: 3, 7: 17, 17: 7, 12: 14, 14: 12, 9: 10, 10: 9,
};
const FINAL_N = 4;

const QUESTION_WORDS = new RegExp(
  '^(어떻게|어떤|무엇|무엇인가요|어디|어디에서|어디서|언제|왜|몇|최대|꼭|따로|함께|안|수|할|하나요|있나요|되나요|돼요|' +
    '해야|하려면|하고|싶어요|알려주세요|방법을|것|개까지)$',
);

/** Ending rewrites, first match wins: formal FAQ endings → what people type in chat. */
const COLLOQUIAL_ENDINGS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/어떻게 해야 하나요\s*\?$/, ['어케 해야돼요?', '어떻게 해야 돼요?', '어떻게 해야함?']],
  [/어떻게 하나요\s*\?$/, ['어케 해요?', '어떻게 해요', '어케함?', '어떻게 하죠ㅠㅠ']],
  [/할 수 있나요\s*\?$/, ['할수있어요?', '돼요?', '가능함?', '할 수 있어요??']],
  [/무엇인가요\s*\?$/, ['뭐예요?', '뭐에요', '뭐임?']],
  [/안 돼요\.?$/, ['안돼요ㅠㅠ', '안되는데요', '안 됨', '왜 안돼요?']],
  [/되나요\s*\?$/, ['돼요?', '되나요ㅠ', '됨?']],
  [/있나요\s*\?$/, ['있어요?', '있나요??', '있음?']],
  [/않아요\.?$/, ['않아요ㅠㅠ', '않는데요?', '않음']],
];
const TAILS = ['ㅠㅠ', '??', ' 알려주세요', ' 좀요', 'ㅜ', '요'];

/** Removes the particle of each word ("월렛을 삭제할 수" → "월렛 삭제할 수"). */
export function dropParticles(text: string): string {
  return text
    .split(' ')
    .map((w) => {
      const m = /^(.*?)([?.!]*)$/.exec(w);
      const word = m?.[1] ?? w;
      const stem = /^[\uac00-\ud7a3]+$/.test(word) ? stripParticle(word) : word;
      return stem + (m?.[2] ?? '');
    })
    .join(' ');
}

/** Removes every space, as in "월렛삭제어떻게해요". */
export function removeSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Rewrites a formal ending into chat style, or appends a chat tail when no rule fits. */
export function colloquial(text: string, rng: Random): string {
  for (const [pattern, replacements] of COLLOQUIAL_ENDINGS) {
    if (pattern.test(text)) return text.replace(pattern, rng.pick(replacements));
  }
  const base = text.replace(/[\s?.!]+$/, '');
  return base + rng.pick(TAILS.filter((tail) => !base.endsWith(tail.trim())));
}

/** Changes one jamo of one syllable (vowel, initial or final consonant), the typo a user does not notice. */
export function jamoTypo(text: string, rng: Random): string {
  const chars = [...text];
  const positions = chars.flatMap((c, i) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= HANGUL_BASE && code <= HANGUL_LAST ? [i] : [];
  });
  if (positions.length === 0) return text;
  // Keep the typo out of the last syllables, where it would only hit the ending ("요"), not a topic word.
  const at = rng.pick(positions.slice(0, Math.max(1, Math.ceil(positions.length * 0.7))));
  const offset = (chars[at]?.codePointAt(0) ?? HANGUL_BASE) - HANGUL_BASE;
  let initial = Math.floor(offset / 588);
  let vowel = Math.floor((offset % 588) / 28);
  let final = offset % 28;
  const kind = rng.int(0, 2);
  const swappedVowel = VOWEL_SWAPS[vowel];
  const swappedInitial = INITIAL_SWAPS[initial];
  if (kind === 0 && swappedVowel !== undefined) vowel = swappedVowel;
  else if (kind === 1 && swappedInitial !== undefined) initial = swappedInitial;
  else final = final === 0 ? FINAL_N : 0;
  chars[at] = String.fromCodePoint(HANGUL_BASE + initial * 588 + vowel * 28 + final);
  return chars.join('');
}

/** The content words of a question without particles or question words ("환불 계좌 등록"); "" if none. */
export function keywordsOf(text: string): string {
  return dropParticles(text.replace(/[^\uac00-\ud7a3A-Za-z0-9\s]/g, ' '))
    .split(/\s+/)
    .map((w) => w.replace(/(?<=[A-Za-z0-9])에서$/, ''))
    .filter((w) => w.length > 0 && !QUESTION_WORDS.test(w) && !/(요|까|나|다|면|고|는|할|한|된|해|야)$/.test(w))
    .join(' ');
}
