import { RankData, writePairHashes, type RankEntry } from '../../src/matcher/rank-data';

const entry = (answer: string): RankEntry => ({
  titles: ['환불계좌등록'],
  categories: ['카카오페이', '설정'],
  answer,
  titleVariants: [['환불', '계좌', '등록']],
  negated: false,
});

/** Asks the answer filter of entry `doc` about `text`, with the pair hashes laid out as ranking does. */
function mayContain(data: RankData, doc: number, text: string): boolean {
  const hashes = new Int32Array(Math.max(0, text.length - 1));
  const end = writePairHashes(text, hashes, 0);
  return data.answerMayContain(doc, hashes, 0, end);
}

describe('RankData.answerMayContain', () => {
  const answers = [
    '환불계좌는설정메뉴에서등록할수있습니다',
    '카카오톡채널관리자센터에서비즈니스채널을신청하고심사결과를확인합니다',
    '짧음',
    '음',
  ];
  const data = new RankData(answers.map(entry), () => 1);

  it('never rules out a text the answer contains (a Bloom filter has no false negatives)', () => {
    answers.forEach((answer, doc) => {
      for (let from = 0; from < answer.length; from++) {
        for (let to = from + 2; to <= answer.length; to++) {
          expect(mayContain(data, doc, answer.slice(from, to))).toBe(true);
        }
      }
    });
  });

  it('rules out most texts the answer does not contain', () => {
    const absent = ['해지', '주문', '배송', '택배', '쿠폰', '선물', '탈퇴', '이모티콘', '광고비', '포인트'];
    expect(absent.filter((text) => mayContain(data, 1, text)).length).toBeLessThanOrEqual(3);
  });

  it('rules out every pair for an answer of one character', () => {
    expect(mayContain(data, 3, '음식')).toBe(false);
  });
});
