/**
 * Tell-tales of FAQ text copied from Kakao help-center search result pages. Those pages drop every
 * occurrence of the searched-for word ("받을 있나요" for "받을 수 있나요", "충전/진" for "충전/소진") and
 * show search snippets cut mid-sentence. The importer repairs only what a page's `.repair.json` names
 * (`help-center-repair.ts`); `faq lint` reports what looks left. The checks are narrow: they must not fire on
 * correct Korean ("사진을 있는 그대로", "서울 있는 매장", "알림을 없이"), because a repair that fires there
 * corrupts a correct answer.
 */

/**
 * A verb's ㄹ-adnominal form (할, 될, 볼, 받을, 만들, …), which needs the bound noun 수 before 있다/없다.
 * A fixed list rather than "any syllable ending in ㄹ": nouns end in ㄹ too (메일, 채널, 서울, 프로필 있나요).
 * - vowel stems + ㄹ that no common noun ends in (할, 될, 볼, …);
 * - 갈, 살, 알 only as a whole word ("알 수 있다"): at the end of a longer word they are often a noun's
 *   last syllable (화살, 튜토리알);
 * - 을 only after a consonant-final verb or adjective stem (받을, 않을, 있을) or a past-tense stem (했을):
 *   after a noun it is the object particle ("사진을 있는 그대로"), and 를 is never an adnominal.
 */
const VERB_STEM_BEFORE_EUL = '[받않찾넣읽먹얻닫믿씻잃앉잡붙놓맞좋같많있없늦찮싫었았였했됐셨]';
const ADNOMINAL = `(?:[할될볼줄올낼쓸릴킬꿀눌걸팔]|(?<![가-힣])[갈살알]|${VERB_STEM_BEFORE_EUL}을|만들)`;
/** 있다 / 없다 with any ending, but not 없애다 (to remove: "금액을 없애려면" is correct). */
const EXIST = '(?:있|없)(?!애)';
/** "받을 있나요", "설정할는 있으나", "설정할 는 없습니다": an adnominal, an optional 는/도, then 있/없. */
const MISSING_SU = new RegExp(`(${ADNOMINAL})(?:\\s*(는|도))?\\s+(?=${EXIST})`, 'g');

/** Each place where "수" is missing in "-ㄹ 수 있다/없다", as a few characters of context. */
export function missingSuGaps(text: string): string[] {
  return [...text.matchAll(MISSING_SU)].map((m) => contextAt(text, m.index, m[0].length + 3));
}

/** Puts the missing "수" back: "받을 있나요" → "받을 수 있나요", "설정할는 있으나" → "설정할 수는 있으나". */
export function restoreSu(text: string): { text: string; restored: number } {
  let restored = 0;
  const repaired = text.replace(MISSING_SU, (_match, verb: string, particle: string | undefined) => {
    restored += 1;
    return `${verb} 수${particle ?? ''} `;
  });
  return { text: repaired, restored };
}

/**
 * One syllable standing alone as an item of a slash list ("충전/진/환불", "충전/진이"), where the other items
 * are words: the rest of a word whose first part was dropped ("소진" → "진").
 */
const BARE_SYLLABLE_IN_LIST = /(?<=[가-힣]{2,}\/)([가-힣])(?=\/|[이은을]\s|\s|$)/g;

/** Each lone syllable in a slash list, with context. */
export function bareSyllables(text: string): string[] {
  return [...text.matchAll(BARE_SYLLABLE_IN_LIST)].map((m) => contextAt(text, m.index - 3, 7));
}

function contextAt(text: string, start: number, length: number): string {
  return text.slice(Math.max(0, start - 6), start + length).trim();
}

/** Answers shorter than this (characters) are not judged as cut. */
const SHORTEST_SNIPPET = 20;

/** Nominal sentence ends of notes and list items (…가능, …불가, …없는 경우, …있음). */
const NOMINAL_END = /(?:가능|불가능|불가|필요|경우|입금|완료|제공|없음|있음|[됨함임])$/;
/** Where a list item or a note starts: "- ", "• ", "ㆍ", "※", "▶", "1) ", "2. ". */
const ITEM_MARKER = /(?:^|\s|[.)])(?:[-•·ㆍ※▶]|\d{1,2}[.)])\s*/g;

/**
 * Why an answer looks like a search snippet rather than the whole text, or undefined when it reads complete:
 * it starts in the middle of a sentence (with punctuation, or with a bracket closed before it is opened), or it
 * ends without a sentence end (., ?, !, 다, 요, a nominal end such as "가능" or "없는 경우", a "label : value"
 * item, or a "바로가기" link label), or with "…".
 */
export function answerLooksCut(answer: string): string | undefined {
  const text = answer.trim();
  // a short answer ("네", "설정 메뉴") is a deliberate one-liner; search snippets are long
  if ([...text].length < SHORTEST_SNIPPET) return undefined;
  if (/^[.,;:)\]]/.test(text)) return `it starts mid-sentence ("${text.slice(0, 12)}")`;
  // the first ")" that is not a step number's ("1) …")
  const firstClose = text.search(/(?<!(?:^|\D)\d{1,2})\)/);
  if (firstClose >= 0 && firstClose < 80 && !text.slice(0, firstClose).includes('(')) {
    return `it starts mid-sentence (a bracket is closed before it is opened: "${text.slice(0, Math.min(firstClose + 3, 24))}")`;
  }
  return endLooksCut(text);
}

function endLooksCut(text: string): string | undefined {
  const tail = `"…${[...text].slice(-12).join('')}"`;
  if (/(?:…|\.\.\.)$/.test(text)) return `it ends with an ellipsis (${tail})`;
  if (/[,;:/(\-–>·ㆍ▶]$/.test(text)) return `it ends mid-sentence (${tail})`;
  const core = text.replace(/[)\]}」』"'”’\s]+$/, '');
  if (/(?:^|[\s.)])\d{1,3}[.)]$/.test(core)) return `it ends with the number of a step that is not there (${tail})`;
  if (/[.!?。！？]$/.test(core) || /(?:다|요|죠)$/.test(core) || /바로가기$/.test(core)) return undefined;
  const segments = core.split(/[.!?](?=\s|[가-힣A-Z]|$)/);
  const lastSentence = segments[segments.length - 1] ?? core;
  const items = lastSentence.split(ITEM_MARKER);
  const lastItem = (items[items.length - 1] ?? '').trim();
  if (items.length > 1 && /\S\s*[:：]\s*\S/.test(lastItem)) return undefined;
  if (NOMINAL_END.test(core) && lastItem.split(/\s+/).length >= 2) return undefined;
  return `it ends mid-sentence (${tail})`;
}
