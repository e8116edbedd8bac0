import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FaqFileSchema, type FaqEntry, type FaqEntryInput } from '../../../src/faq/faq-schema';
import { formatCsv } from '../../../src/faq-admin/formats/csv-format';
import { importFaqSources } from '../../../src/faq-admin/formats/import-sources';
import { formatXlsx } from '../../../src/faq-admin/formats/xlsx-format';
import { loadFaqFile } from '../../../src/faq/load-faq';
import { writeFaqFile } from '../../../src/faq-admin/write-faq';
import { FAQ_FILE } from '../../harness';

/** Entries that exercise every way a spreadsheet cell can go wrong. */
const TRICKY: FaqEntryInput[] = [
  {
    id: 'faq-four-levels',
    categories: ['카카오톡', '설정, 개인정보', '"따옴표" 메뉴', 'iOS'],
    question: '쉼표, "따옴표", 그리고\n줄바꿈이 있는 질문인가요?',
    alternateQuestions: ['다른 질문 | 파이프 포함', '역슬래시 \\ 와 \\n 글자', '여러 줄\n질문'],
    keywords: ['환불', 'refund', '키워드, 쉼표'],
    answer: '첫 줄입니다.\n\n둘째 문단, "인용"과 쉼표.\n\t탭으로 시작하는 줄\n😊 이모지와 ㅋㅋ 자모',
    landingUrl: 'https://cs.kakao.com/helps?service=8&category=166&locale=ko',
    imageUrl: 'https://t1.kakaocdn.net/image.png',
    updatedAt: '2026-11-23T09:30:00+09:00',
    // curated related entries: export writes their questions, import resolves them back to these ids
    related: ['faq-dash-answer', 'faq-minimal'],
    source: { file: '000_73f60d730c3cbc6e.txt', position: 3 },
  },
  {
    id: 'faq-minimal',
    categories: ['서비스'],
    question: '선택 항목이 모두 빈 질문',
    answer: '=SUM(A1:A2) 처럼 보이는 답변',
  },
  {
    id: 'faq-dash-answer',
    categories: ['서비스', '하위'],
    question: '  앞뒤 공백이 있는 질문  ',
    answer: '- 목록처럼 시작하는 답변\n- 두 번째 항목 ',
    updatedAt: '2026-01-02',
    keywords: ['0012', '+82'],
    related: ['faq-four-levels'],
  },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faq-roundtrip-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function roundTrip(entries: readonly FaqEntryInput[], format: 'csv' | 'xlsx', name: string): Promise<{ before: FaqEntry[]; after: FaqEntry[] }> {
  const jsonFile = path.join(dir, `${name}.json`);
  const before = (await writeFaqFile(jsonFile, entries)).entries;
  const sheetFile = path.join(dir, `${name}.${format}`);
  const exported = await loadFaqFile(jsonFile);
  await writeFile(sheetFile, format === 'csv' ? formatCsv(exported.entries) : await formatXlsx(exported.entries));
  const imported = await importFaqSources([sheetFile]);
  expect(imported.problems).toEqual([]);
  expect(imported.notes).toEqual([]);
  const backFile = path.join(dir, `${name}-back.json`);
  await writeFaqFile(backFile, imported.entries);
  return { before, after: (await loadFaqFile(backFile)).entries };
}

describe('export → import round trip', () => {
  it.each(['csv', 'xlsx'] as const)('JSON → %s → JSON keeps tricky entries exactly', async (format) => {
    const { before, after } = await roundTrip(TRICKY, format, `tricky-${format}`);
    expect(after).toEqual(before);
  });

  it.each(['csv', 'xlsx'] as const)('JSON → %s → JSON keeps the bundled FAQ exactly', async (format) => {
    const bundled = await loadFaqFile(FAQ_FILE);
    const { after } = await roundTrip(bundled.entries, format, `bundled-${format}`);
    expect(after).toEqual(bundled.entries);
  });

  it('writes Korean headers by default and English ones on request, and imports both', async () => {
    const [entry] = FaqFileSchema.parse({ schemaVersion: 1, entries: TRICKY }).entries;
    expect(formatCsv([entry!]).split('\r\n')[0]).toBe('\uFEFF아이디,카테고리1,카테고리2,카테고리3,카테고리4,질문,유사질문,키워드,관련질문,답변,답변완결,링크,이미지,수정일,출처파일,출처위치');
    const english = formatCsv([entry!], 'en');
    expect(english.split('\r\n')[0]).toBe('\uFEFFid,category1,category2,category3,category4,question,alternateQuestions,keywords,related,answer,answerComplete,landingUrl,imageUrl,updatedAt,sourceFile,sourcePosition');
    const file = path.join(dir, 'english.csv');
    await writeFile(file, english);
    expect((await importFaqSources([file])).entries).toEqual([entry]);
  });

  describe('for any valid entries', () => {
    // Korean syllables and jamo, Latin, digits and every character with a meaning in CSV or in list cells
    const char = fc.constantFrom(...'가나다환불계좌ㅋㅠ abcXYZ019,"\'|\\\n\t;=+-@#😊'.match(/./gsu)!);
    const text = fc.string({ unit: char, minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '');
    // list items and categories are trimmed by design (cells typed by people carry stray spaces)
    const trimmed = text.map((s) => s.trim()).filter((s) => s !== '');
    const entry = fc.record(
      {
        categories: fc.array(trimmed.filter((s) => !s.includes('\n')), { minLength: 1, maxLength: 4 }),
        question: text,
        alternateQuestions: fc.array(trimmed, { maxLength: 3 }),
        keywords: fc.array(trimmed, { maxLength: 3 }),
        answer: text,
        landingUrl: fc.constantFrom('https://cs.kakao.com/helps?a=1&b=2', 'http://example.com/경로'),
        updatedAt: fc.constantFrom('2026-11-23', '2026-11-23T00:00:00Z'),
      },
      { requiredKeys: ['categories', 'question', 'answer'] },
    );
    const entries = fc
      .array(entry, { minLength: 1, maxLength: 8 })
      .map((list) => list.map((e, i) => ({ id: `faq-p${i}`, ...e })));

    it.each([
      ['csv', 60],
      ['xlsx', 15],
    ] as const)('JSON → %s → JSON is lossless', async (format, runs) => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(entries, async (list) => {
          const { before, after } = await roundTrip(list, format, `prop-${format}-${n++}`);
          expect(after).toEqual(before);
        }),
        { numRuns: runs },
      );
    });
  });
});
