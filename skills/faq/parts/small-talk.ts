import { contentStems } from '../../../src/matcher';

/**
 * Small talk: 안녕하세요, 고마워요, 수고하세요, ㅋㅋ, 😊. These are not questions, so they get a fitting line and
 * an invitation to ask (with the way into the categories) rather than the "did not understand" apology.
 *
 * A message is small talk when, once normalised (spacing, punctuation, emoji and ㅠㅠ dropped, repeated
 * Korean characters folded: "안녕하세요요~!!" → "안녕하세요"), it is made of the phrases below and nothing else.
 * Latin letters are not folded: "good" is not "god". The lexicon is a small list of everyday Korean chat,
 * written from general usage, not from logs, without nouns that are small talk only sometimes: "감사" is also
 * an audit and "최고", "대박" are words of a question too, so only their forms with an ending are here. The skill
 * asks the matcher first whenever a message has any other word (see ../routes.ts), so small talk never takes the
 * place of an FAQ answer.
 */

export type SmallTalkKind = 'greeting' | 'thanks' | 'farewell' | 'light';

const LEXICON: Readonly<Record<SmallTalkKind, readonly string[]>> = {
  greeting: [
    '안녕', '안녕하세요', '안녕하십니까', '안뇽', '안뇽하세요', '하이', '하이요', '헬로', '헬로우', 'ㅎㅇ', 'hi', 'hello', 'hey',
    '반가워', '반가워요', '반갑습니다', '방가', '방가워요', '처음 뵙겠습니다', '좋은 아침', '좋은 아침이에요', '좋은 아침입니다',
    '굿모닝', '여보세요', '저기요', '계세요',
  ],
  thanks: [
    '고마워', '고마워요', '고마웡', '고맙습니다', '고맙네요', '고마웠어요', '감사요', '감사해', '감사해요', '감사합니다',
    '감사하네요', '감사드려요', '감사드립니다', '감사했어요', '감사했습니다', '감사링', '캄사', '캄사합니다', '땡큐', '땡스', '생큐',
    '쌩큐', '쌩유', 'ㄱㅅ', 'ㄳ', 'thanks', 'thank you', 'thx', '덕분에', '도움이 됐어요', '도움 됐어요', '도움이 많이 됐어요',
    '잘 해결했어요', '해결했어요',
  ],
  farewell: [
    '안녕히 계세요', '안녕히 가세요', '잘 있어요', '잘 가요', '잘가', '바이', '빠이', 'bye', 'goodbye', '굿바이', '수고하세요',
    '수고하셨습니다', '수고 많으셨어요', '수고해요', '다음에 봐요', '또 봐요', '좋은 하루 되세요', '좋은 하루 보내세요',
    '즐거운 하루 되세요', '좋은 밤 되세요', '잘 자요',
  ],
  light: [
    'ㅋ', 'ㅎ', '크', '킥', '하', '헤', '히', '호', '흐', 'lol', 'ㄷ', 'ㅇ', 'ㅇㅋ', '오케이', '오키', 'ok', 'okay', '네', '넵',
    '넹', '넴', '예', '응', '웅', '아하', '아', '오', '와', '우와', '헐', '대박이네요', '대박이에요', '굿', 'good', 'nice', '알겠어',
    '알겠어요', '알겠습니다', '알았어', '알았어요', '그렇군요', '그렇구나', '최고예요', '최고네요', '최고입니다', '짱',
  ],
};

/** When two readings use as few phrases, the stronger kind names the message ("네 감사합니다" thanks). */
const PRIORITY: readonly SmallTalkKind[] = ['thanks', 'farewell', 'greeting', 'light'];
/** Words read together as one piece of small talk at an edge of a message ("좋은 하루 되세요"). */
const PHRASE_WORDS = 3;
/** Small talk taken off either end of a message at most; more is not a person asking. */
const MAX_EDGE_WORDS = 12;
/** Longer messages are never pure small talk; the bound keeps the parse cheap. */
const MAX_NORMALISED = 40;
const DECORATION = /[\s\p{P}\p{S}\p{Extended_Pictographic}\u200d\ufe0f\u{1f3fb}-\u{1f3ff}ㅠㅜ]+/gu;
/** Decoration that says something on its own: 😊, 👍, ^^, ♡. */
const EXPRESSIVE = /[\p{Extended_Pictographic}^♡♥]/u;

/** A character repeated for emphasis ("요요요", "ㅋㅋㅋ"); Latin letters repeat in the spelling of words ("good"). */
const REPEATED = /(\P{Script=Latin})\1+/gu;

function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(DECORATION, '').replace(REPEATED, '$1');
}

/** Every phrase in normalised form, with the polite endings chat spells loosely (요 → 여/용, 다 → 당). */
const PHRASES: readonly { text: string; kind: SmallTalkKind }[] = PRIORITY.flatMap((kind) =>
  LEXICON[kind].flatMap((phrase) => {
    const base = normalise(phrase);
    const variants = base.endsWith('요') ? ['여', '용', '염'].map((e) => base.slice(0, -1) + e) : base.endsWith('다') ? [`${base.slice(0, -1)}당`] : [];
    return [base, ...variants].map((text) => ({ text, kind }));
  }),
);

/** {@link PHRASES} by their first character, in the same order: a position is tried only with phrases that may start there. */
const PHRASES_BY_FIRST = new Map<string, { text: string; kind: SmallTalkKind }[]>();
for (const phrase of PHRASES) {
  const list = PHRASES_BY_FIRST.get(phrase.text[0]!);
  if (list) list.push(phrase);
  else PHRASES_BY_FIRST.set(phrase.text[0]!, [phrase]);
}

/** Every character of every phrase, as normalised. */
const PHRASE_CHARACTERS: ReadonlySet<string> = new Set(PHRASES.flatMap((phrase) => [...phrase.text]));
/** Conjoining jamo (U+1100–U+11FF, U+D7B0–U+D7FF): NFC may compose one into the syllable before it. */
const CONJOINING_JAMO = /[\u1100-\u11ff\ud7b0-\ud7ff]/;

/**
 * True when `utterance` holds a Hangul syllable that no phrase has, so it cannot be small talk, decided without
 * normalising it (most messages the skill reads are questions, and each is tried as small talk several times,
 * see {@link splitSmallTalk}). Normalising removes no syllable (decoration is punctuation, symbols, emoji and
 * spaces), folding repeats keeps one, and NFC changes none unless conjoining jamo follow it.
 * @internal exported for its test
 */
export function holdsNonPhraseSyllable(utterance: string): boolean {
  if (CONJOINING_JAMO.test(utterance)) return false;
  for (let i = 0; i < utterance.length; i++) {
    const code = utterance.charCodeAt(i);
    if (code >= 0xac00 && code <= 0xd7a3 && !PHRASE_CHARACTERS.has(utterance[i]!)) return true;
  }
  return false;
}

/**
 * The kind of small talk `utterance` is, or undefined when it holds anything else (or nothing: "?", "...").
 * Reads the normalised message as a sequence of lexicon phrases, preferring the reading with fewest phrases.
 */
export function smallTalkOf(utterance: string): SmallTalkKind | undefined {
  return holdsNonPhraseSyllable(utterance) ? undefined : readSmallTalk(utterance);
}

/**
 * {@link smallTalkOf} without the quick test.
 * @internal exported for the test of {@link holdsNonPhraseSyllable}
 */
export function readSmallTalk(utterance: string): SmallTalkKind | undefined {
  const text = normalise(utterance);
  if (text === '') return EXPRESSIVE.test(utterance) ? 'light' : undefined;
  if ([...text].length > MAX_NORMALISED) return undefined;
  // best[i]: the fewest phrases that spell text[0, i), and the kinds they carry
  const best: ({ count: number; kinds: Set<SmallTalkKind> } | undefined)[] = [{ count: 0, kinds: new Set() }];
  for (let i = 0; i < text.length; i++) {
    const here = best[i];
    if (!here) continue;
    for (const phrase of PHRASES_BY_FIRST.get(text[i]!) ?? []) {
      if (!text.startsWith(phrase.text, i)) continue;
      const end = i + phrase.text.length;
      const there = best[end];
      const count = here.count + 1;
      if (!there || count < there.count) best[end] = { count, kinds: new Set([...here.kinds, phrase.kind]) };
      else if (count === there.count) for (const kind of [...here.kinds, phrase.kind]) there.kinds.add(kind);
    }
  }
  const whole = best[text.length];
  return whole ? PRIORITY.find((kind) => whole.kinds.has(kind)) : undefined;
}

/**
 * A longer message with small talk at its edges ("안녕하세요! 월렛이란 무엇인가요?", "환불 되나요 ㅋㅋ"): the
 * message without it, for the matcher (a greeting must not drown the question), and what was set aside when
 * it can stand for the whole message: a greeting that opens it, or thanks or a goodbye that close it. Only
 * whole words at either end are taken ("감사 보고서 제출" opens with a noun, not with thanks).
 */
export function splitSmallTalk(utterance: string): { question: string; aside?: SmallTalkKind } {
  const words = utterance.trim().split(/\s+/);
  const opening = new Set<SmallTalkKind>();
  const closing = new Set<SmallTalkKind>();
  let first = 0;
  let last = words.length; // the question is words[first, last)
  const strip = (edge: 'start' | 'end') => {
    const kinds = edge === 'start' ? opening : closing;
    for (let stripped = 0; stripped < MAX_EDGE_WORDS; ) {
      let n = Math.min(PHRASE_WORDS, last - first);
      for (; n >= 1; n--) {
        const kind = smallTalkOf(words.slice(edge === 'start' ? first : last - n, edge === 'start' ? first + n : last).join(' '));
        if (kind) {
          kinds.add(kind);
          break;
        }
      }
      if (n === 0) return;
      if (edge === 'start') first += n;
      else last -= n;
      stripped += n;
    }
  };
  strip('start');
  strip('end');
  const aside = opening.has('greeting') ? 'greeting' : PRIORITY.find((kind) => kind !== 'light' && kind !== 'greeting' && closing.has(kind));
  return { question: words.slice(first, last).join(' '), ...(aside ? { aside } : {}) };
}

/**
 * Words that talk about the conversation, not about a topic: "질문이 하나 있어요", "덕분에 잘 해결했어요",
 * "궁금한 게 있는데요". A greeting or thanks around such words is still small talk; around anything else it is a
 * question the FAQ could not answer, and that gets the honest fallback.
 */
const ABOUT_THE_CONVERSATION = new Set([
  '질문', '문의', '궁금', '궁금한', '궁금해', '드릴', '여쭤', '여쭈', '하나', '몇', '가지', '덕분', '잘', '해결', '도움', '많이',
  '정말', '너무', '진짜', '항상', '수고', '답변', '대답', '친절', '설명', '빨리', '알려', '알겠', '이해', '상담', '다시',
]);

/** True when what is left of a message after its small talk names no topic (see ABOUT_THE_CONVERSATION). */
export function namesNoTopic(question: string): boolean {
  return contentStems(question).every((stem) => ABOUT_THE_CONVERSATION.has(stem));
}
