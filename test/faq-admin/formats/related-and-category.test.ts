import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { faqIdFor } from '../../../src/faq/faq-id';
import { createFaqStore } from '../../../src/faq/faq-store';
import { formatCsv } from '../../../src/faq-admin/formats/csv-format';
import { importFaqSources } from '../../../src/faq-admin/formats/import-sources';
import { formatXlsx } from '../../../src/faq-admin/formats/xlsx-format';
import { lintFile } from '../../../src/faq-admin/lint/lint-faq';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faq-related-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, content);
  return full;
}

const SHEET = [
  '카테고리1,카테고리2,질문,답변,관련질문',
  '결제,환불,환불 계좌는 어떻게 등록하나요?,설정에서 등록합니다.,"결제 카드를 바꾸고 싶어요|환불은 언제 되나요"',
  '결제,환불,환불은 언제 되나요?,3일 안에 됩니다.,',
  '결제,카드,결제 카드를 바꾸고 싶어요,카드 메뉴에서 바꿉니다.,"환불 계좌는 어떻게 등록하나요?\n없는 질문입니다"',
].join('\n');

describe('the 관련질문 column (curated related questions)', () => {
  it('resolves questions (split by | or a line break, spacing and punctuation aside) to ids at import, and reports unknown ones', async () => {
    const result = await importFaqSources([await file('related.csv', SHEET)]);
    expect(result.problems).toEqual([]);
    const [account, when, card] = result.entries;
    expect(account!.related).toEqual([card!.id, when!.id]);
    expect(when!.related).toBeUndefined();
    // the unknown one is kept as written (it may name an entry added later) and reported
    expect(card!.related).toEqual([account!.id, '없는 질문입니다']);
    expect(result.notes).toEqual([expect.stringMatching(/related\.csv: id "faq-[0-9a-f]+" \("결제 카드를 바꾸고 싶어요"\): related "없는 질문입니다" names no entry/)]);
  });

  it('is written by export as questions and read back to the same ids, in CSV and XLSX; the picks come first when serving', async () => {
    const imported = (await importFaqSources([await file('related-2.csv', SHEET)])).entries;
    const rows = parse(formatCsv(imported), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]!['관련질문']).toBe('결제 카드를 바꾸고 싶어요\n환불은 언제 되나요?');
    for (const [name, data] of [
      ['back.csv', formatCsv(imported)],
      ['back.xlsx', await formatXlsx(imported)],
    ] as const) {
      const back = await importFaqSources([await file(name, data)]);
      expect(back.entries.map((e) => e.related)).toEqual(imported.map((e) => e.related));
    }
    const store = createFaqStore({ schemaVersion: 1, entries: imported });
    expect(store.related(imported[0]!.id, 3).map((e) => e.question)).toEqual(['결제 카드를 바꾸고 싶어요', '환불은 언제 되나요?']);
  });

  it('takes ids or exact questions in JSON too, and faq lint warns about references that name no entry', async () => {
    const json = await file(
      'related.json',
      JSON.stringify({
        schemaVersion: 1,
        entries: [
          { id: 'a', categories: ['결제'], question: '환불 계좌는 어떻게 등록하나요?', answer: '설정에서 등록합니다.', related: ['환불은 언제 되나요?', 'ghost'] },
          { id: 'b', categories: ['결제'], question: '환불은 언제 되나요?', answer: '3일 안에 됩니다.', related: ['a'] },
        ],
      }),
    );
    const result = await importFaqSources([json]);
    expect(result.entries.map((e) => e.related)).toEqual([['b', 'ghost'], ['a']]);
    const report = await lintFile(json);
    const unknown = report.findings.filter((f) => f.rule === 'unknown-related');
    expect(unknown).toEqual([expect.objectContaining({ severity: 'warning', entryIds: ['a'], message: expect.stringContaining('related "ghost" names no entry') })]);
  });
});

describe('rows without a category', () => {
  it('are imported under "기타" with a note, whether 카테고리1 is empty or missing; only 질문 and 답변 are required', async () => {
    const withEmpty = await file('no-category.csv', '카테고리1,질문,답변\n,분류 없는 질문인가요?,네 맞습니다.\n결제,분류 있는 질문,네.\n');
    const withoutColumn = await file('no-column.csv', '질문,답변\n분류 열이 없는 질문,네.\n');
    const result = await importFaqSources([withEmpty, withoutColumn]);
    expect(result.problems).toEqual([]);
    expect(result.entries.map((e) => e.categories)).toEqual([['기타'], ['결제'], ['기타']]);
    expect(result.entries[0]!.id).toBe(faqIdFor(['기타'], '분류 없는 질문인가요?'));
    expect(result.notes).toEqual([
      `${withEmpty}: 1 row(s) have no 카테고리1 and were filed under "기타" (line 2)`,
      `${withoutColumn}: 1 row(s) have no 카테고리1 and were filed under "기타" (line 2)`,
    ]);
    // the browse flow lists it like any service
    const store = createFaqStore({ schemaVersion: 1, entries: result.entries });
    expect(store.topCategories()).toContainEqual({ name: '기타', count: 2 });
    expect(store.inCategory(['기타']).map((e) => e.question)).toEqual(['분류 없는 질문인가요?', '분류 열이 없는 질문']);
  });

  it('still rejects a gap in the category path', async () => {
    const result = await importFaqSources([await file('gap.csv', '카테고리1,카테고리2,카테고리3,질문,답변\n결제,,카드,질문,답변\n')]);
    expect(result.problems.map((p) => p.reason)).toEqual(['카테고리2 is empty but a deeper category is set']);
  });
});
