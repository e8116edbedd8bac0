import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { faqIdFor } from '../../../src/faq/faq-id';
import { importFaqSources } from '../../../src/faq-admin/formats/import-sources';
import { loadFaqFile } from '../../../src/faq/load-faq';
import { FAQ_FILE, ROOT } from '../../harness';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faq-import-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, content);
  return full;
}

/** EUC-KR bytes of `text`, built by inverting the platform's EUC-KR decoder (Node has no EUC-KR encoder). */
function eucKr(text: string): Uint8Array {
  const decoder = new TextDecoder('euc-kr');
  const table = new Map<string, number[]>();
  for (let lead = 0xb0; lead <= 0xc8; lead += 1) {
    for (let trail = 0xa1; trail <= 0xfe; trail += 1) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
  }
  return new Uint8Array(
    [...text].flatMap((ch) => {
      if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no EUC-KR code for ${ch} in the test table`);
      return bytes;
    }),
  );
}

describe('importing a CSV sheet an operator made', () => {
  const csv = [
    '자주 묻는 질문 (2026년 11월)',
    '',
    '카테고리 1,카테고리 2,질문,유사 질문,키워드,답변,Landing URL,비고',
    '결제,환불,환불 계좌는 어떻게 등록하나요?,환불계좌 등록|계좌 바꾸기,환불 | 계좌,"설정 > 결제에서 등록합니다.',
    '등록 후 바로 쓸 수 있어요.",https://cs.kakao.com/helps?a=1,확인 필요',
    ',,,,,,,',
    '예약,,예약 취소는 어떻게 하나요?,,,예약 내역에서 취소합니다.,,',
  ].join('\r\n');

  it('finds the header under a title row, reads every row and reports what it ignored', async () => {
    const result = await importFaqSources([await file('operator.csv', csv)]);
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([{ file: path.join(dir, 'operator.csv'), format: 'csv', entries: 2, rejected: 0, blankRows: 1 }]);
    expect(result.notes).toEqual([
      `${path.join(dir, 'operator.csv')}: ignored column(s) "비고"`,
      `${path.join(dir, 'operator.csv')}: skipped 1 row(s) above the header (line 1)`,
    ]);
    const [refund, cancel] = result.entries;
    expect(refund).toEqual({
      id: faqIdFor(['결제', '환불'], '환불 계좌는 어떻게 등록하나요?'),
      categories: ['결제', '환불'],
      question: '환불 계좌는 어떻게 등록하나요?',
      alternateQuestions: ['환불계좌 등록', '계좌 바꾸기'],
      keywords: ['환불', '계좌'],
      answer: '설정 > 결제에서 등록합니다.\n등록 후 바로 쓸 수 있어요.',
      landingUrl: 'https://cs.kakao.com/helps?a=1',
      source: { file: 'operator.csv', position: 4 },
    });
    expect(cancel).toMatchObject({ categories: ['예약'], source: { file: 'operator.csv', position: 7 } });
  });

  it('gives the same ids on every re-import, even when answers change', async () => {
    const first = await importFaqSources([await file('again-1.csv', csv)]);
    const edited = await importFaqSources([await file('again-2.csv', csv.replace('예약 내역에서 취소합니다.', '새 답변입니다.'))]);
    expect(edited.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
  });

  it('rejects bad rows with the line they start on and the reason, and keeps the good ones', async () => {
    const bad = [
      'category1,category2,category3,question,answer,landingUrl,imageUrl',
      'A,B,C,"multi-line',
      'question, ok","answer',
      'spans',
      'lines",,',
      'A,,C,gap in categories,answer,,',
      ',,,no category,answer,,',
      'A,,,,empty question,,',
      'A,,,bad link,answer,www.kakao.com,',
      'A,,,blank link is fine,answer,  ,',
      'A,,,blank answer,   ,,',
      'A,,,bad image,answer,,javascript:alert(1)',
    ].join('\n');
    const result = await importFaqSources([await file('bad.csv', bad)]);
    const where = path.join(dir, 'bad.csv');
    expect(result.entries.map((e) => e.question)).toEqual(['multi-line\nquestion, ok', 'no category', 'blank link is fine']);
    expect(result.problems).toEqual([
      { file: where, location: 'line 6', reason: '카테고리2 is empty but a deeper category is set', code: 'invalid-entry' },
      { file: where, location: 'line 8', reason: '질문 is empty', code: 'invalid-entry' },
      { file: where, location: 'line 9', reason: 'field landingUrl: "www.kakao.com" must be an http(s) URL', code: 'broken-url' },
      { file: where, location: 'line 11', reason: 'field answer: must not be blank', code: 'invalid-entry' },
      { file: where, location: 'line 12', reason: 'field imageUrl: "javascript:alert(1)" must be an http(s) URL', code: 'broken-url' },
    ]);
    expect(result.files[0]).toMatchObject({ entries: 3, rejected: 5 });
  });

  it('reads CSV saved by Korean Excel in EUC-KR (CP949), and says so', async () => {
    const text = '카테고리1,질문,답변\r\n결제,환불 계좌 등록,설정에서 등록합니다\r\n';
    const result = await importFaqSources([await file('cp949.csv', eucKr(text))]);
    expect(result.problems).toEqual([]);
    expect(result.entries[0]).toMatchObject({ categories: ['결제'], question: '환불 계좌 등록', answer: '설정에서 등록합니다' });
    expect(result.notes).toEqual([`${path.join(dir, 'cp949.csv')}: read as EUC-KR`]);
  });

  it('reads tab-separated UTF-16 text (Excel\'s "Unicode text")', async () => {
    const text = '카테고리1\t질문\t답변\r\n결제\t환불, 쉼표\t답변입니다\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = await importFaqSources([await file('unicode.tsv', bytes)]);
    expect(result.entries[0]).toMatchObject({ question: '환불, 쉼표', answer: '답변입니다' });
  });

  it.each([
    ['binary.csv', new Uint8Array([0xff, 0x00, 0x81, 0xfe, 0x80, 0x80]), 'file', /not text in UTF-8, UTF-16 or EUC-KR/],
    ['unclosed.csv', '카테고리1,질문,답변\n결제,"열린 따옴표,답변\n', 'line 2', /not valid CSV, nothing imported: Quote Not Closed/],
    ['noheader.csv', '결제,환불 질문,환불 답변\n결제,질문2,답변2\n', 'line 1', /no header row with 질문\/question, 답변\/answer in the first 10 rows; 2 row\(s\) not imported/],
    ['twice.csv', '카테고리1,질문,답변,question\n결제,a,b,c\n', 'line 1', /two columns mean question: "질문" and "question"; no rows imported/],
  ])('reports a file it cannot read (%s) as one problem', async (name, content, location, reason) => {
    const result = await importFaqSources([await file(name, content)]);
    expect(result.entries).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ location, code: 'invalid-file' });
    expect(result.problems[0]!.reason).toMatch(reason);
  });
});

describe('importing an XLSX workbook an operator made', () => {
  let workbookFile: string;
  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    const faq = workbook.addWorksheet('FAQ');
    faq.addRow(['지식+ 업로드용']);
    faq.addRow(['대분류', '중분류', '질문', '답변', '링크', '수정일', '키워드']);
    faq.addRow(['결제', '환불', '환불 계좌 등록', { richText: [{ text: '굵은 ', font: { bold: true } }, { text: '답변' }] }, { text: '바로가기', hyperlink: 'https://cs.kakao.com/helps?x=1' }, new Date(Date.UTC(2026, 10, 23)), 2024]);
    faq.addRow([]);
    faq.addRow(['결제', '', '수식 질문', { formula: 'A1&"!"', result: '지식+ 업로드용!' }, '', '', '']);
    faq.addRow(['결제', '', '깨진 수식', { formula: '1/0', result: { error: '#DIV/0!' } }, '', '', '']);
    workbook.addWorksheet('메모').addRow(['다음 주에 추가할 질문들']);
    workbook.addWorksheet('빈 시트');
    workbookFile = path.join(dir, 'operator.xlsx');
    await workbook.xlsx.writeFile(workbookFile);
  });

  it('reads text, numbers, dates, rich text, formulas and link targets, and reports bad rows and sheets', async () => {
    const result = await importFaqSources([workbookFile]);
    expect(result.entries).toEqual([
      {
        id: faqIdFor(['결제', '환불'], '환불 계좌 등록'),
        categories: ['결제', '환불'],
        question: '환불 계좌 등록',
        alternateQuestions: [],
        keywords: ['2024'],
        answer: '굵은 답변',
        landingUrl: 'https://cs.kakao.com/helps?x=1',
        updatedAt: '2026-11-23',
        source: { file: 'operator.xlsx', position: 3 },
      },
      expect.objectContaining({ question: '수식 질문', answer: '지식+ 업로드용!', source: { file: 'operator.xlsx', position: 5 } }),
    ]);
    expect(result.problems).toEqual([
      { file: workbookFile, location: 'sheet "FAQ" row 6', reason: 'D6 holds the formula error #DIV/0!', code: 'invalid-entry' },
      {
        file: workbookFile,
        location: 'sheet "메모" row 1',
        reason: expect.stringMatching(/^no header row with .* 1 row\(s\) not imported$/),
        code: 'invalid-file',
      },
    ]);
    expect(result.notes).toEqual([`${workbookFile}: skipped 1 row(s) above the header (sheet "FAQ" row 1)`]);
  });

  it('reports a file that is not a workbook', async () => {
    const result = await importFaqSources([await file('fake.xlsx', 'not a zip')]);
    expect(result.problems[0]).toMatchObject({ location: 'file', code: 'invalid-file', reason: expect.stringMatching(/not a readable \.xlsx workbook/) });
  });
});

describe('importing our JSON and help-center pages', () => {
  it('checks JSON entry by entry, naming the entry, the field and the kind of problem', async () => {
    const entries = [
      { id: 'faq-ok', categories: ['서비스'], question: '좋은 질문', answer: '답변' },
      { id: 'faq-deep', categories: ['1', '2', '3', '4', '5'], question: '깊은 질문', answer: '답변' },
      { id: 'faq-empty-link', categories: ['서비스'], question: '빈 링크', answer: '답변', landingUrl: '' },
      { id: 'faq-blank', categories: ['서비스'], question: '빈 답변', answer: ' ' },
    ];
    const result = await importFaqSources([await file('mixed.json', JSON.stringify({ schemaVersion: 1, entries }))]);
    expect(result.entries.map((e) => e.id)).toEqual(['faq-ok']);
    expect(result.problems.map((p) => [p.location, p.code, p.reason])).toEqual([
      ['entries[1] (id faq-deep, question "깊은 질문")', 'category-depth', 'field categories: 5 category levels (지식+ allows 4)'],
      ['entries[2] (id faq-empty-link, question "빈 링크")', 'empty-url', 'field landingUrl: is empty (leave the field out when there is no link)'],
      ['entries[3] (id faq-blank, question "빈 답변")', 'invalid-entry', 'field answer: must not be blank'],
    ]);
    expect(result.files[0]).toMatchObject({ entries: 1, rejected: 3 });
  });

  it('imports the seed help-center pages into exactly the bundled data file', async () => {
    const seedDir = path.join(ROOT, 'data/sources/help-center');
    const pages = (await readdir(seedDir)).filter((n) => n.endsWith('.txt')).sort().map((n) => path.join(seedDir, n));
    const result = await importFaqSources(pages);
    expect(result.problems).toEqual([]);
    expect(result.entries).toEqual((await loadFaqFile(FAQ_FILE)).entries);
  });

  it('reports unknown and missing files', async () => {
    const result = await importFaqSources([path.join(dir, 'notes.docx'), path.join(dir, 'missing.csv')]);
    expect(result.problems.map((p) => [path.basename(p.file), p.code])).toEqual([
      ['notes.docx', 'invalid-file'],
      ['missing.csv', 'invalid-file'],
    ]);
    expect(result.problems[0]!.reason).toMatch(/unknown file type; expected one of \.txt \.csv \.tsv \.xlsx \.json/);
    expect(result.problems[1]!.reason).toMatch(/cannot read: ENOENT/);
  });

  it('merges files and renames repeated ids, saying so', async () => {
    const csv = await file('twice.csv', '카테고리1,질문,답변\n결제,같은 질문,답변\n');
    const result = await importFaqSources([csv, csv]);
    const id = faqIdFor(['결제'], '같은 질문');
    expect(result.entries.map((e) => e.id)).toEqual([id, `${id}-2`]);
    expect(result.notes).toEqual([`${csv}: id "${id}" ("같은 질문") is already used by an earlier entry; renamed to "${id}-2"`]);
  });
});
