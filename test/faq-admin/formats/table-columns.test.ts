import fc from 'fast-check';
import { decodeList, encodeList, headerRow, readHeader } from '../../../src/faq-admin/formats/table-columns';

describe('list cells (유사질문, 키워드)', () => {
  it('split on line breaks or pipes, trimmed, without empty items', () => {
    expect(decodeList('환불 | 계좌 ||\n 등록 \r\n')).toEqual(['환불', '계좌', '등록']);
    expect(decodeList('')).toEqual([]);
  });

  it('keep escaped pipes, backslashes and line breaks inside an item', () => {
    expect(decodeList('A \\| B|C:\\\\dir|두 줄\\n질문')).toEqual(['A | B', 'C:\\dir', '두 줄\n질문']);
    expect(decodeList('끝에 역슬래시\\')).toEqual(['끝에 역슬래시\\']);
  });

  it('decode what they encode, for any trimmed items', () => {
    const item = fc.string({ unit: fc.constantFrom(...'가|\\\nn a'.split('')), minLength: 1 }).map((s) => s.trim()).filter((s) => s !== '');
    fc.assert(fc.property(fc.array(item, { maxLength: 5 }), (items) => expect(decodeList(encodeList(items))).toEqual(items)));
  });
});

describe('header rows', () => {
  it('recognise Korean, English and 대/중/소분류 headers in any spacing and case', () => {
    const header = readHeader(['대분류', 'Category 2', '카테고리_3', 'QUESTION', '유사 질문', '답변', 'Landing-URL', '이미지 URL', '메모']);
    expect(typeof header).toBe('object');
    const map = header as Exclude<typeof header, string | undefined>;
    expect([...map.columns]).toEqual([
      ['category1', 0],
      ['category2', 1],
      ['category3', 2],
      ['question', 3],
      ['alternateQuestions', 4],
      ['answer', 5],
      ['landingUrl', 6],
      ['imageUrl', 7],
    ]);
    expect(map.unknown).toEqual(['메모']);
  });

  it('are not headers without a question and an answer column; a category column is optional', () => {
    expect(readHeader(['카테고리1', '질문'])).toBeUndefined();
    expect(readHeader(['질문', '답변'])).toBeDefined();
    expect(readHeader(headerRow('ko'))).toBeDefined();
    expect(readHeader(headerRow('en'))).toBeDefined();
  });
});
