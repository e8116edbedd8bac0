/**
 * The general chat and loanword lexicon the matcher ships (src/matcher/chat-lexicon.ts): its own rules, and
 * that it works with no operator synonym table at all.
 */
import { CHAT_LEXICON, CHAT_WORD_REWRITES } from '../../src/matcher/chat-lexicon';
import { createMatcher, decide, normalizeText, parseSynonyms, type MatchDocument } from '../../src/matcher';
import { GENERIC_VERBS } from '../../src/matcher/korean-lexicon';
import { synonymKey } from '../../src/matcher/synonyms';

const doc = (id: string, question: string): MatchDocument => ({
  id,
  question,
  alternateQuestions: [],
  keywords: [],
  categories: ['서비스'],
  answer: `${question}에 대한 답변입니다.`,
});

describe('CHAT_LEXICON', () => {
  it('is a valid synonym table of a few hundred groups', () => {
    expect(parseSynonyms({ groups: CHAT_LEXICON })).toHaveLength(CHAT_LEXICON.length);
    expect(CHAT_LEXICON.length).toBeGreaterThanOrEqual(200);
  });

  it('has no one-syllable term (groups never widen one-syllable stems) and no term that is only stopwords', () => {
    const bad = CHAT_LEXICON.flat().filter((term) => synonymKey(term).length < 2);
    expect(bad).toEqual([]);
  });

  it('lists every verb of its generic-verb groups in GENERIC_VERBS, so they never make a match alone', () => {
    const verbs = new Set(GENERIC_VERBS);
    for (const head of ['변경', '삭제', '등록', '설정', '확인', '신청', '사용']) {
      const group = CHAT_LEXICON.find((g) => g[0] === head)!;
      const missing = group.filter((term) => !verbs.has(synonymKey(term)) && !verbs.has(term));
      expect({ head, missing }).toEqual({ head, missing: [] });
    }
  });

  it('rewrites only one-syllable words to longer ones', () => {
    for (const [short, full] of CHAT_WORD_REWRITES) {
      expect(short).toHaveLength(1);
      expect(full.length).toBeGreaterThan(1);
    }
  });
});

describe('the matcher with the shipped lexicon and no operator synonyms', () => {
  const docs = [
    doc('password', '카카오톡 비밀번호를 변경하고 싶어요'),
    doc('phone', '휴대폰 번호가 바뀌었어요'),
    doc('code', '인증번호가 오지 않아요'),
    doc('refund', '결제 취소 후 환불은 언제 되나요?'),
    doc('profile', '프로필 사진은 어디서 바꾸나요?'),
    doc('shipping', '배송 조회는 어디서 하나요?'),
    doc('invoice', '세금계산서 발행 방법'),
    doc('booking', '예약 취소 수수료가 있나요?'),
  ];
  const m = createMatcher(docs);

  it.each([
    ['카톡 비번 바꾸는 법', 'password'],
    ['kakaotalk password 변경', 'password'],
    ['폰 번호 바뀜', 'phone'],
    ['인증코드가 안와요', 'code'],
    ['verification code 안 옴', 'code'],
    ['결재 캔슬하면 리펀드 언제', 'refund'],
    ['프사 change 어디서', 'profile'],
    ['택배 조회', 'shipping'],
    ['tax invoice 발행', 'invoice'],
    ['booking cancel 수수료', 'booking'],
  ])('answers %j with %s', (utterance, id) => {
    const d = decide(m.search(utterance));
    expect(d.outcome).toBe('answer');
    expect(d.hits[0]?.id).toBe(id);
  });

  it('ignores chat 초성 replies (ㅇㅇ, ㄴㄴ, ㄱㅅ)', () => {
    expect(m.search('ㅇㅇ ㄴㄴ')).toEqual([]);
    expect(m.search('ㅇㅇ ㄱㅅ 세금계산서 발행')).toEqual(m.search('세금계산서 발행'));
  });
});

describe('common misspellings', () => {
  it.each([
    ['않되요', '안돼요'],
    ['몇일 걸려요', '며칠 걸려요'],
    ['어떻해요', '어떡해요'],
    ['웬지', '왠지'],
    ['설겆이', '설거지'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});
