import fc from 'fast-check';
import { bigrams, dice, questionKey, similarityForm, similarPairs } from '../../src/faq-admin/lint/similarity';

/** The obvious n² comparison that the prefix-filtered join must agree with. */
function bruteForce(texts: string[], threshold: number) {
  const pairs: { a: number; b: number; similarity: number }[] = [];
  for (let a = 0; a < texts.length; a += 1) {
    for (let b = a + 1; b < texts.length; b += 1) {
      if (questionKey(texts[a]!) === questionKey(texts[b]!)) continue;
      const similarity = dice(bigrams(similarityForm(texts[a]!)), bigrams(similarityForm(texts[b]!)));
      if (similarity >= threshold) pairs.push({ a, b, similarity: Math.round(similarity * 1000) / 1000 });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}

describe('question similarity', () => {
  it('ignores spacing, punctuation and question boilerplate', () => {
    const sim = (x: string, y: string) => dice(bigrams(similarityForm(x)), bigrams(similarityForm(y)));
    expect(sim('환불 계좌는 어떻게 등록 하나요?', '환불계좌 등록은 어떻게 해요')).toBe(1);
    expect(sim('채널추가 포인트는 무엇인가요?', '리뷰 포인트는 무엇인가요?')).toBeCloseTo(0.4);
  });

  it('finds exactly the pairs a full comparison finds, at any threshold', () => {
    const word = fc.constantFrom('환불', '계좌', '등록', '취소', '예약', '월렛', '삭제', '포인트', '채널', '어떻게', '하나요', '방법', 'ios', '알림');
    const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), fc.double({ min: 0.3, max: 1, noNaN: true }), (texts, threshold) => {
        expect(similarPairs(texts, threshold)).toEqual(bruteForce(texts, threshold));
      }),
      { numRuns: 200 },
    );
  });
});
