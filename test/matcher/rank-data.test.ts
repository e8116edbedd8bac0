import { platformNamed, RankData, type RankEntry } from '../../src/matcher/rank-data';
import { MASK_WORDS, maskWithin, writeCharMask, writePairHashes } from '../../src/matcher/text-filters';

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

/** The character mask of a text, as ranking lays it out for one form. */
function maskOf(text: string): Int32Array {
  const mask = new Int32Array(MASK_WORDS);
  writeCharMask(text, mask, 0);
  return mask;
}

describe('character masks (writeCharMask, maskWithin)', () => {
  const texts = ['환불계좌등록\u0001계좌변경', '카카오톡채널관리자센터', 'ios\u0001안드로이드', '월렛', 'a1'];

  it('never rule out a text that occurs in another (every substring is within its text)', () => {
    for (const text of texts) {
      const whole = maskOf(text);
      for (let from = 0; from < text.length; from++) {
        for (let to = from + 1; to <= text.length; to++) {
          expect(maskWithin(maskOf(text.slice(from, to)), 0, whole, 0)).toBe(true);
        }
      }
    }
  });

  it('rule out most texts with a character the other lacks', () => {
    const whole = maskOf('카카오톡채널관리자센터');
    const absent = ['환불', '주문', '배송', '택배', '쿠폰', '선물', '탈퇴', '이모티콘', '광고비', '포인트', '월렛', '결제'];
    expect(absent.filter((text) => maskWithin(maskOf(text), 0, whole, 0)).length).toBeLessThanOrEqual(2);
  });

  it('are kept per entry for its titles and its categories, apart', () => {
    const entries: RankEntry[] = [
      { ...entry('환불은 설정에서'), titles: ['환불계좌등록', '계좌변경'], categories: ['카카오페이', '설정'] },
      { ...entry('채널 심사'), titles: ['채널개설'], categories: ['카카오톡채널'] },
    ];
    const data = new RankData(entries, () => 1);
    const forms = ['계좌변경', '카카오페이', '채널개설', '카카오톡채널'];
    const masks = new Int32Array(forms.length * MASK_WORDS);
    forms.forEach((form, f) => writeCharMask(form, masks, f * MASK_WORDS));
    expect(data.titlesMayContain(0, masks, 0)).toBe(true);
    expect(data.categoriesMayContain(0, masks, 1)).toBe(true);
    expect(data.titlesMayContain(1, masks, 2)).toBe(true);
    expect(data.categoriesMayContain(1, masks, 3)).toBe(true);
    // 변경 is in entry 0's titles only, 페이 in its categories only
    expect(data.categoriesMayContain(0, masks, 0)).toBe(false);
    expect(data.titlesMayContain(0, masks, 1)).toBe(false);
    expect(data.titlesMayContain(1, masks, 0)).toBe(false);
  });
});

describe('RankData.oneTitle', () => {
  it('is 1 only for an entry whose question is its only title', () => {
    const data = new RankData(
      [
        entry('a'),
        { ...entry('b'), titles: ['환불계좌등록', '계좌변경'], titleVariants: [['환불', '계좌', '등록'], ['계좌', '변경']] },
        { ...entry('c'), titles: ['환불계좌등록', '환불키워드'] },
      ],
      () => 1,
    );
    expect([...data.oneTitle]).toEqual([1, 0, 0]);
  });
});

describe('platforms', () => {
  it('number each platform once, whatever it is called, and nothing else', () => {
    expect(platformNamed('아이폰')).toBe(platformNamed('ios'));
    expect(platformNamed('갤럭시')).toBe(platformNamed('안드로이드'));
    expect(new Set(['ios', '안드로이드', 'windows', 'mac'].map(platformNamed)).size).toBe(4);
    expect(['ios', '안드로이드', 'windows', 'mac'].map(platformNamed).every((n) => n > 0 && n < 31)).toBe(true);
    // words that are properties of every object are not platforms
    for (const word of ['환불', 'constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(platformNamed(word)).toBe(0);
  });

  it('are read from an entry’s categories, the first named', () => {
    const data = new RankData(
      [
        { ...entry('a'), categories: ['카카오톡', 'ios'] },
        { ...entry('b'), categories: ['카카오톡', 'constructor'] },
        { ...entry('c'), categories: ['pc', '안드로이드'] },
      ],
      () => 1,
    );
    expect([...data.platform]).toEqual([platformNamed('ios'), 0, platformNamed('windows')]);
  });
});
