/**
 * Realistic user utterances against a generated corpus: mostly chat-style rewrites of an entry's question
 * (the entry is recorded as the expected answer), plus about 20% messages no FAQ should answer.
 */
import type { FaqEntryLike } from './generate-corpus';
import { colloquial, dropParticles, jamoTypo, keywordsOf, removeSpaces } from './paraphrase';
import { createRandom, deriveSeed, type Random } from './random';

/** How a query was derived from its source question. */
export type QueryKind = 'exact' | 'particles' | 'no-space' | 'colloquial' | 'typo' | 'keywords' | 'out-of-domain';

/** One generated utterance; `sourceId` is the entry it was made from, null for out-of-domain messages. */
export interface GeneratedQuery {
  utterance: string;
  sourceId: string | null;
  kind: QueryKind;
}

/** Input of {@link generateQueries}. */
export interface QueryOptions {
  corpus: readonly FaqEntryLike[];
  count: number;
  seed: number;
  /** Share of out-of-domain messages, 0–1; default 0.2. */
  outOfDomainRate?: number;
}

const OUT_OF_DOMAIN: readonly string[] = [
  '오늘 날씨 어때?', '점심 뭐 먹지', 'ㅋㅋㅋㅋㅋ', '배고파요', '주식 추천해줘', '로또 1등 번호 알려줘', '비트코인 시세',
  '노래 추천해주세요', '심심해', '너 이름이 뭐야?', '사랑해', '영화 예매하고 싶어요', '강아지 산책은 하루에 몇 번 해야 돼요?',
  '서울에서 부산 KTX 시간', '수학 숙제 도와줘', '어제 축구 경기 결과', '근처 맛집 추천', 'ㅎㅇ', '?', 'asdfgh', '1234',
  'hello', 'what time is it', '내일 비 와요?', '다이어트 식단 추천', '환율 얼마예요', '아이폰 신제품 언제 나와요',
  '택시 불러줘', '피자 주문하고 싶어', '여자친구 선물 뭐가 좋을까', '잠이 안 와요', '퇴근하고 싶다', '고양이 사료 추천',
  '운세 봐줘', '오늘 무슨 요일이야', '번역해줘 hello', '감기약 뭐 먹어요', '헬스장 등록 언제 하는 게 좋아요',
];
const OOD_PREFIXES = ['', '', '', '근데 ', '혹시 ', '저기요 '];
const OOD_SUFFIXES = ['', '', '', 'ㅋㅋ', 'ㅠㅠ', '?'];
// Polite openers and closers some users wrap a real question in.
const OPENERS = ['', '', '', '', '', '안녕하세요 ', '문의드려요 ', '저기 '];

function outOfDomain(rng: Random): GeneratedQuery {
  const text = rng.pick(OOD_PREFIXES) + rng.pick(OUT_OF_DOMAIN) + rng.pick(OOD_SUFFIXES);
  return { utterance: text, sourceId: null, kind: 'out-of-domain' };
}

/** Applies a second rewrite half of the time, so kinds overlap as they do in real chat. */
function maybe(rng: Random, text: string, rewrite: (text: string, rng: Random) => string): string {
  return rng.chance(0.5) ? rewrite(text, rng) : text;
}

function paraphrase(entry: FaqEntryLike, rng: Random): GeneratedQuery {
  const useAlternate = entry.alternateQuestions.length > 0 && rng.chance(0.3);
  const question = useAlternate ? rng.pick(entry.alternateQuestions) : entry.question;
  const roll = rng.next();
  let kind: QueryKind;
  let text: string;
  if (roll < 0.12) [kind, text] = ['exact', question];
  else if (roll < 0.3) [kind, text] = ['particles', dropParticles(question)];
  else if (roll < 0.45) [kind, text] = ['no-space', removeSpaces(maybe(rng, question, colloquial))];
  else if (roll < 0.68) [kind, text] = ['colloquial', colloquial(maybe(rng, question, dropParticles), rng)];
  else if (roll < 0.84) [kind, text] = ['typo', jamoTypo(maybe(rng, question, colloquial), rng)];
  else {
    const words = entry.keywords.length > 0 && rng.chance(0.4) ? entry.keywords.join(' ') : keywordsOf(question);
    [kind, text] = words ? ['keywords', words] : ['particles', dropParticles(question)];
  }
  return { utterance: kind === 'keywords' ? text : rng.pick(OPENERS) + text, sourceId: entry.id, kind };
}

/**
 * Generates `count` utterances from random corpus entries (deterministic for a given corpus, count and
 * seed). Every in-domain query's `sourceId` is the id of the corpus entry it was derived from.
 */
export function generateQueries(options: QueryOptions): GeneratedQuery[] {
  const { corpus, count, seed } = options;
  const oodRate = options.outOfDomainRate ?? 0.2;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const rng = createRandom(deriveSeed(seed, 'queries'));
  const queries: GeneratedQuery[] = [];
  for (let i = 0; i < count; i++) {
    queries.push(corpus.length === 0 || rng.chance(oodRate) ? outOfDomain(rng) : paraphrase(rng.pick(corpus), rng));
  }
  return queries;
}
