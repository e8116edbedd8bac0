/**
 * Lexical rules that hold for any FAQ (issue 13 §4): function words weigh nothing, distinctive answer words count
 * like question words, generic verbs never make a match alone, synonym groups never widen one-syllable stems,
 * and alternate questions are evidence like the question, not one more chance for generic words.
 * Small FAQs written here, so that no rule depends on the bundled one.
 */
import { contentStems, createMatcher, decide, DEFAULT_THRESHOLDS, type MatchDocument } from '../../src/matcher';
import { buildSynonymIndex } from '../../src/matcher/synonyms';

const doc = (id: string, question: string, answer = `${question}에 대한 답변입니다.`): MatchDocument => ({
  id,
  question,
  alternateQuestions: [],
  keywords: [],
  categories: ['서비스'],
  answer,
});

/** Entries about unrelated topics, so that IDF and document frequency behave as in a real FAQ. */
const FILLER: MatchDocument[] = [
  '배송지 주소 입력', '쿠키 정책 안내', '회원 등급 혜택', '이벤트 당첨 발표', '포장 옵션 종류', '매장 영업 시간',
  '선물 포장 문의', '적립 포인트 소멸', '상품 리뷰 작성', '사이즈 교환 기준', '품절 상품 재입고', '고객 센터 전화',
  '앱 푸시 알림 끄기', '결제 수단 종류', '배송비 무료 기준', '주문 내역 조회',
].map((q, i) => doc(`filler-${i}`, q, `${q} 내용은 고객센터 공지에서 안내합니다.`));

const confidenceOf = (docs: readonly MatchDocument[], utterance: string, id: string) =>
  createMatcher(docs).search(utterance, { limit: 50 }).find((h) => h.id === id)?.confidence ?? 0;

describe('function words carry no weight', () => {
  it.each(['혹시', '좀', '제발', '이런 거', '그', '저기요', '그냥', '근데', '진짜', '아니 근데 진짜', '일단 암튼 걍'])(
    'drops %j from a message',
    (words) => {
      expect(contentStems(`${words} 환불 계좌 등록`)).toEqual(['환불', '계좌', '등록']);
    },
  );

  it('gives a message with chat filler the same hits as the bare question', () => {
    const m = createMatcher([doc('refund', '환불 계좌는 어떻게 등록하나요?'), ...FILLER]);
    const bare = m.search('환불 계좌 등록');
    expect(m.search('저기요 혹시 이런 거 좀 환불 계좌 등록 근데 진짜 제발요')).toEqual(bare);
    expect(decide(bare).outcome).toBe('answer');
  });
});

describe('a distinctive word found only in an answer', () => {
  const tax = doc('tax', '정산은 언제 되나요?', '매월 10일에 정산되며, 원천징수영수증은 다음 달 초에 발급됩니다.');

  it('counts like a word of the question, so a message made of it is answered', () => {
    const docs = [tax, ...FILLER];
    const hits = createMatcher(docs).search('원천징수영수증');
    expect(hits[0]?.id).toBe('tax');
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.answer);
    expect(decide(hits).outcome).toBe('answer');
  });

  it('does not when many entries mention it: "few" is relative to the FAQ size', () => {
    // the same word in the answer of every entry (a footer) is no evidence for any of them
    const footer = '원천징수영수증 관련 문의는 고객센터로 연락 주세요.';
    const docs = [tax, ...FILLER].map((d) => ({ ...d, answer: `${d.answer} ${footer}` }));
    expect(confidenceOf(docs, '원천징수영수증', 'tax')).toBeLessThan(DEFAULT_THRESHOLDS.clarify);
  });
});

describe('generic action verbs never make a match on their own', () => {
  const docs = [doc('refund', '환불 계좌 등록하는 방법'), doc('name', '닉네임 변경 안내'), ...FILLER];
  const m = createMatcher(docs);

  it.each(['등록하는 법', '등록 하고 싶어요', '쿠폰 등록', '바꾸는 방법', 'change', '등록 변경 설정 확인'])(
    'falls back on %j, which shares only verbs with an entry',
    (utterance) => {
      for (const h of m.search(utterance)) expect(h.confidence).toBeLessThan(DEFAULT_THRESHOLDS.leadFloor);
      expect(decide(m.search(utterance)).outcome).toBe('fallback');
    },
  );

  it('still answers when a content word is shared too', () => {
    expect(decide(m.search('환불 계좌 등록')).hits[0]?.id).toBe('refund');
    expect(decide(m.search('닉네임 바꾸기')).hits[0]?.id).toBe('name');
  });
});

describe('synonym groups never widen one-syllable stems', () => {
  it('neither expands a one-syllable term nor adds one as an expansion of a longer term', () => {
    const index = buildSynonymIndex([['팝업', '창', '팝업창'], ['받기', '수신']]);
    expect(index.get('창')).toBeUndefined();
    expect(index.get('팝업')).toEqual(['팝업창']);
    expect(index.get('수신')).not.toContain('받');
  });

  it('does not let a group turn a word into every entry containing the syllable', () => {
    // with 팝업 ≈ 창, "팝업" would be found in 채팅창
    const docs = [doc('font', '채팅창 글자 크기 조절'), ...FILLER];
    const withGroup = createMatcher(docs, { synonyms: [['팝업', '창']] }).search('팝업 글자 크기');
    expect(withGroup).toEqual(createMatcher(docs).search('팝업 글자 크기'));
  });
});

describe('alternate questions are evidence like the question, not one more chance', () => {
  const refund = doc('refund', '환불 계좌는 어떻게 등록하나요?');
  const generic = [
    '설정 변경 확인', '등록 신청 방법', '사용 이용 방법', '수정 삭제 하는 법', '확인 조회 하기', '변경 등록 처리',
    '신청 접수 확인', '설정 적용 완료', '선택 입력 변경', '작성 요청 진행',
  ];
  const withAlternates = [{ ...refund, alternateQuestions: generic }, ...FILLER];
  const without = [refund, ...FILLER];
  const outOfDomain = ['쿠폰 등록 설정 변경 확인', '멤버십 신청 접수 확인', '설정 변경 확인 방법', '이름 수정 삭제', '신청 변경 처리 완료'];

  it.each(outOfDomain)('falls back on %j with 10 alternates full of generic words', (utterance) => {
    expect(decide(createMatcher(withAlternates).search(utterance)).outcome).toBe('fallback');
  });

  it('gives generic out-of-domain messages no more confidence than without the alternates', () => {
    // only a little: the alternates change how many entries contain 등록, 변경, …, and so the words' weights
    for (const utterance of outOfDomain) {
      const lifted = confidenceOf(withAlternates, utterance, 'refund');
      // (generic verbs weigh at most 0.3 in a message, so the other words' shifting weights count a little more)
      expect(lifted).toBeLessThanOrEqual(confidenceOf(without, utterance, 'refund') + 0.06);
      expect(lifted).toBeLessThan(DEFAULT_THRESHOLDS.leadFloor);
    }
  });

  it('takes the best single question or alternate, never words spread across them', () => {
    // the union of a's question and alternates holds every word of the message; b's question alone does
    const docs = [
      { ...doc('a', '택배 분실'), alternateQuestions: ['파손 상품 접수', '지연 배송 문의'] },
      doc('b', '택배 분실 파손 지연 보상 기준 안내 절차'),
      ...FILLER,
    ];
    const hits = createMatcher(docs).search('택배 분실 파손 지연');
    expect(hits[0]?.id).toBe('b');
    // a message matching one alternate outright is still that entry's
    expect(createMatcher(docs).search('파손 상품 접수')[0]?.id).toBe('a');
  });
});
