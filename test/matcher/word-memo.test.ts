import { createMatcher } from '../../src/matcher';
import { WordMemo } from '../../src/matcher/word-memo';

describe('WordMemo', () => {
  it('computes a word once, undefined included', () => {
    const memo = new WordMemo<number | undefined>();
    let computed = 0;
    const compute = () => {
      computed++;
      return undefined;
    };
    expect(memo.get('안녕', compute)).toBeUndefined();
    expect(memo.get('안녕', compute)).toBeUndefined();
    expect(computed).toBe(1);
  });

  it('starts over past its bound instead of growing', () => {
    const memo = new WordMemo<number>();
    let computed = 0;
    for (let i = 0; i <= 20_000; i++) memo.get(`w${i}`, () => ++computed);
    expect(memo.get('w0', () => ++computed)).toBe(20_002);
  });

  it('is kept per matcher: a word reads with the synonyms of the FAQ it is typed to', () => {
    const entry = (id: string, question: string) => ({ id, question, alternateQuestions: [], keywords: [], answer: `${question}에 대한 답변입니다.`, categories: ['고객센터'] });
    const entries = [entry('a', '환불 신청 방법'), entry('b', '배송 조회 방법')];
    const withSynonym = createMatcher(entries, { synonyms: [['환불', '쿠룽']] });
    const without = createMatcher(entries);
    // a memo shared by both would hand the second matcher the first one's reading of 쿠룽 (a form of 환불)
    expect(withSynonym.search('쿠룽').map((h) => h.id)).toEqual(['a']);
    expect(without.search('쿠룽')).toEqual([]);
    expect(withSynonym.search('쿠룽').map((h) => h.id)).toEqual(['a']);
  });
});
