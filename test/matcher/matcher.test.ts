import fc from 'fast-check';
import { createMatcher, decide, type MatchDocument, type Matcher } from '../../src/matcher';
import { loadFaqDocs, loadMatcher } from './eval-helpers';

const docs = loadFaqDocs();
const matcher = loadMatcher(docs);
/** Index of the top hit in data/faq.json, or -1. */
const topIndex = (m: Matcher, utterance: string, options = {}) => {
  const [top] = m.search(utterance, options);
  return top ? docs.findIndex((d) => d.id === top.id) : -1;
};
const outcome = (utterance: string) => decide(matcher.search(utterance)).outcome;

describe('createMatcher over data/faq.json', () => {
  it('indexes every entry', () => {
    expect(matcher.size).toBe(docs.length);
  });

  it.each(['', '   ', '\n\t', '?!…', '...', '😊', '🙏🙏', 'ㅋㅋㅋㅋ', 'ㅠㅠ', '어떻게', '방법 문의'])(
    'returns nothing for %j (never "everything")',
    (utterance) => {
      expect(matcher.search(utterance)).toEqual([]);
    },
  );

  it('returns nothing for a non-string utterance from untyped callers', () => {
    expect(matcher.search(undefined as unknown as string)).toEqual([]);
    expect(matcher.search(42 as unknown as string)).toEqual([]);
  });

  it('answers an entry asked with its own question', () => {
    for (const i of [0, 9, 21, 28, 41, 49]) {
      const hits = matcher.search(docs[i]!.question);
      expect(hits[0]?.id).toBe(docs[i]!.id);
      expect(decide(hits).outcome).toBe('answer');
    }
  });

  it('sorts hits best first, keeps confidence in [0, 1] and honours limit (default 5)', () => {
    const hits = matcher.search('월렛');
    expect(hits).toHaveLength(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.confidence).toBeGreaterThanOrEqual(hits[i]!.confidence);
    for (const h of hits) expect(h.confidence).toBeGreaterThan(0);
    for (const h of hits) expect(h.confidence).toBeLessThanOrEqual(1);
    expect(matcher.search('월렛', { limit: 2 })).toEqual(hits.slice(0, 2));
    expect(matcher.search('월렛', { limit: 0 })).toEqual([]);
    expect(matcher.search('월렛', { limit: 12 }).length).toBeGreaterThan(5);
  });

  it('is deterministic', () => {
    expect(matcher.search('환불 승인 완료 후 입금 기간')).toEqual(matcher.search('환불 승인 완료 후 입금 기간'));
  });

  it.each([
    ['월렛 없애는 방법', 30, 'synonym'],
    ['잔존율측정저장', 26, 'spacing'],
    ['비즈샵에서탈퇴하는법좀', 15, 'spacing with particles inside'],
    ['영업권 헤제하고 싶어요', 28, 'jamo typo'],
    ['예약춰소 상태가 뭐예요', 0, 'jamo typo in a compound'],
    ['반품 택뱃사 설정', 45, 'inserted ㅅ'],
    ['ㅎㅂ ㄱㅈ ㄷㄹ', 20, '초성'],
    ['ghksqnf rPwhk emdfhr', 20, 'wrong keyboard layout'],
    ['penalty 정책', 44, 'English'],
    ['리펀드 계좌 등록하는 곳', 20, 'Konglish'],
    ['AML이 뭔가요', 41, 'acronym'],
  ])('answers %j with entry #%i (%s)', (utterance, index) => {
    expect(topIndex(matcher, utterance)).toBe(index);
    expect(outcome(utterance)).toBe('answer');
  });

  it('uses the platform named in the utterance to pick among per-platform duplicates', () => {
    expect(topIndex(matcher, '아이폰 단톡방 프로필별 대화상대')).toBe(5);
    expect(topIndex(matcher, '갤럭시 그룹방 프로필별 대화상대 메뉴')).toBe(4);
    expect(outcome('갤럭시 그룹방 프로필별 대화상대 메뉴')).toBe('answer');
    const unnamed = decide(matcher.search('프로필별 대화상대가 뭐예요'));
    expect(unnamed.outcome).toBe('clarify');
    expect(unnamed.hits.map((h) => docs.findIndex((d) => d.id === h.id)).sort()).toEqual([4, 5, 6]);
  });

  it('uses the service named in the utterance to pick among per-service duplicates', () => {
    expect(topIndex(matcher, '브랜드검색광고 환불 승인 확인이 안돼요')).toBe(11);
  });

  it.each([
    '안녕하세요',
    '감사합니다!!',
    '카카오톡 지갑에 신분증 등록',
    '보이스톡 소리가 안들려요',
    '카카오톡',
    '카카오 문의',
    '카카오톡 어떻게 해요',
    'zzzzzz',
    'asdfgh',
    '멜론 이용권 해지',
    '요즘 카톡 업데이트하고 나서부터 폰이 너무 느려지고 배터리도 빨리 닳는 것 같은데 원래대로 돌리는 방법 있으면 알려주세요',
  ])('falls back on the out-of-domain %j', (utterance) => {
    expect(outcome(utterance)).toBe('fallback');
  });

  it('gives a follow-up ("그럼 취소는요?") a mild prior towards the previous answer\'s category', () => {
    const mail = docs[9]!; // 카카오메일 > 메일 보내기: 예약발송을 취소한 메일…
    expect(topIndex(matcher, '그럼 취소는요?')).not.toBe(9);
    expect(topIndex(matcher, '그럼 취소는요?', { contextCategories: mail.categories })).toBe(9);
    // mild: a clear match elsewhere is not overridden
    expect(topIndex(matcher, '영업권 해제', { contextCategories: mail.categories })).toBe(28);
  });

  it("uses the operator's synonym table on top of the lexicon the matcher ships", () => {
    // kyc ≈ 고객확인제도 is the operator's (data/synonyms.json), not general chat vocabulary
    const plain = createMatcher(docs);
    expect(decide(plain.search('kyc가 뭔가요')).outcome).not.toBe('answer');
    expect(topIndex(matcher, 'kyc가 뭔가요')).toBe(41);
    expect(outcome('kyc가 뭔가요')).toBe('answer');
  });
});

describe('createMatcher on other data', () => {
  const doc = (id: string, question: string, categories: string[] = ['서비스']): MatchDocument => ({
    id,
    question,
    alternateQuestions: [],
    keywords: [],
    categories,
    answer: `${question}에 대한 답변입니다.`,
  });

  it('handles an empty FAQ', () => {
    const empty = createMatcher([]);
    expect(empty.size).toBe(0);
    expect(empty.search('환불')).toEqual([]);
  });

  it('matches alternate questions and keywords like the question', () => {
    const m = createMatcher([
      { ...doc('a', '비밀번호를 잊어버렸어요'), alternateQuestions: ['로그인 암호 재설정'] },
      { ...doc('b', '배송 조회는 어디서 하나요?'), keywords: ['택배추적'] },
    ]);
    expect(m.search('암호 재설정')[0]?.id).toBe('a');
    expect(m.search('택배추적')[0]?.id).toBe('b');
  });

  it('moves an entry filed under a platform only for a word that names one (not "constructor" or "toString")', () => {
    // the same question filed for two platforms and for none (answers differ, so none is another's twin)
    const filed = (id: string, categories: string[]) => ({ ...doc(id, '알림 설정 방법', categories), answer: `${id} 알림은 설정에서 바꿉니다.` });
    const m = createMatcher([filed('ios', ['카카오톡', 'iOS']), filed('android', ['카카오톡', '안드로이드']), filed('none', ['카카오톡', '설정'])]);
    const confidence = (q: string) => Object.fromEntries(m.search(q, { limit: 5 }).map((h) => [h.id, h.confidence]));
    const named = confidence('아이폰 알림 설정 방법');
    expect(named.ios).toBeGreaterThan(named.none!);
    expect(named.none).toBeGreaterThan(named.android!);
    for (const word of ['constructor', 'toString', '__proto__']) {
      const other = confidence(`${word} 알림 설정 방법`);
      expect([other.ios, other.android]).toEqual([other.none, other.none]);
    }
  });

  it('gives a query the same hits whatever was searched before it (ranking reuses its scratch arrays)', () => {
    const fresh = () => createMatcher(docs);
    const short = '환불 계좌';
    const expected = fresh().search(short);
    const m = fresh();
    // longer messages first: more terms and forms than the short one, so stale values would sit past its end
    m.search('아이폰 카카오톡 채널 관리자센터 비즈니스 인증 환불 계좌 등록 변경 취소 월렛 포인트 선물하기 주문 배송 ㅎㅂ');
    m.search('월렛 비밀번호를 잊어버렸는데 어떻게 다시 설정하나요 안드로이드');
    expect(m.search(short)).toEqual(expected);
  });

  it('property: any string gives sorted, unique hits with confidence in [0, 1], never throwing', () => {
    const small = createMatcher(docs.slice(0, 20));
    const korean = fc.string({ unit: fc.constantFrom(...'환불 계좌ㅎㅂ월렛 취소?!😊ㅋㅠaZ0'.split('')) });
    // Latin runs exercise the wrong-keyboard re-reading (es-hangul throws on some key sequences)
    const latin = fc.stringMatching(/^[a-zA-Z ]{0,12}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), korean, latin), fc.integer({ min: -2, max: 8 }), (s, limit) => {
        const hits = small.search(s, { limit });
        expect(hits.length).toBeLessThanOrEqual(Math.max(0, limit));
        expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
        for (let i = 0; i < hits.length; i++) {
          expect(hits[i]!.confidence).toBeGreaterThanOrEqual(0);
          expect(hits[i]!.confidence).toBeLessThanOrEqual(1);
          if (i > 0) expect(hits[i - 1]!.confidence).toBeGreaterThanOrEqual(hits[i]!.confidence);
        }
        expect(['answer', 'clarify', 'fallback']).toContain(decide(hits).outcome);
      }),
      { numRuns: 300 },
    );
  });
});

describe('entries filed twice with the same question and answer', () => {
  const twin = (id: string, service: string) => ({
    id,
    question: '환불승인이 되었다고 하는데 확인되지 않아요',
    alternateQuestions: [],
    keywords: [],
    categories: [service, '결제 관리'],
    answer: '환불 승인 후 영업일 3~5일 내 카드사 승인취소가 됩니다.',
  });
  const other = { ...twin('other', '다른 서비스'), question: '환불 계좌는 어떻게 등록하나요?', answer: '월렛에서 등록합니다.' };

  it('come back as one hit, so the same card is not offered twice', () => {
    const matcher = createMatcher([twin('a', '브랜드 이모티콘'), twin('b', '브랜드검색 광고'), other]);
    const hits = matcher.search('환불승인 됐다는데 확인이 안돼요');
    expect(hits.map((h) => h.id)).toEqual(['a', 'other'].slice(0, hits.length));
    expect(decide(hits).outcome).toBe('answer');
  });

  it('still let the service named in the utterance pick its own entry', () => {
    const matcher = createMatcher([twin('a', '브랜드 이모티콘'), twin('b', '브랜드검색 광고')]);
    expect(matcher.search('브랜드검색 광고 환불승인 확인이 안돼요')[0]?.id).toBe('b');
  });
});
