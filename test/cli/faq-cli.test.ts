import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadFaqFile } from '../../src/faq/load-faq';
import { FAQ_FILE, ROOT } from '../harness';
import { faq } from './run-faq-cli';

const exists = (file: string) => access(file).then(() => true, () => false);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faq-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('faq import', () => {
  it('writes every entry and exits 0 when every row went in', async () => {
    const csv = path.join(dir, 'good.csv');
    await writeFile(csv, '카테고리1,질문,답변\n결제,환불은 어떻게 받나요?,환불 메뉴에서 신청합니다.\n\n');
    const out = path.join(dir, 'good.json');
    const result = await faq(['import', csv, path.join(ROOT, 'data/sources/help-center/000_73f60d730c3cbc6e.txt'), '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${csv}: 1 entries (1 blank rows skipped)`);
    expect(result.out).toContain(`wrote 11 entries to ${out}`);
    expect((await loadFaqFile(out)).entries).toHaveLength(11);
  });

  it('reports each rejected row, writes nothing and exits 1; --partial writes the good rows', async () => {
    const csv = path.join(dir, 'bad.csv');
    await writeFile(csv, '카테고리1,질문,답변,링크\n결제,좋은 질문,답변,\n결제,,질문 없음,\n결제,나쁜 링크,답변,kakao.com\n');
    const out = path.join(dir, 'bad.json');
    const strict = await faq(['import', csv, '--out', out]);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(`rejected: ${csv} line 3: 질문 is empty`);
    expect(strict.err).toContain(`rejected: ${csv} line 4: field landingUrl: "kakao.com" must be an http(s) URL`);
    expect(strict.err).toContain('not written: 2 row(s) or entries rejected');
    expect(await exists(out)).toBe(false);

    const partial = await faq(['import', csv, '--out', out, '--partial']);
    expect(partial.code).toBe(1);
    expect(partial.out).toContain(`wrote 1 entries to ${out}; 2 rejected`);
    expect((await loadFaqFile(out)).entries.map((e) => e.question)).toEqual(['좋은 질문']);
  });

  it('with no files imports the seed help-center pages, as `npm run import-faq` always did', async () => {
    const out = path.join(dir, 'seed.json');
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      expect((await faq(['import', '--out', out])).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(await readFile(out, 'utf8')).toBe(await readFile(FAQ_FILE, 'utf8'));
  });
});

describe('faq export', () => {
  it('prints CSV to stdout and round-trips through import', async () => {
    const result = await faq(['export', '--format', 'csv']);
    expect(result.code).toBe(0);
    const csv = path.join(dir, 'export.csv');
    await writeFile(csv, result.stdout.join(''));
    const back = path.join(dir, 'export-back.json');
    expect((await faq(['import', csv, '--out', back])).code).toBe(0);
    expect(await readFile(back, 'utf8')).toBe(await readFile(FAQ_FILE, 'utf8'));
  });

  it('writes XLSX to --out and converts from any importable file', async () => {
    const xlsx = path.join(dir, 'export.xlsx');
    expect((await faq(['export', '--format', 'xlsx', '--out', xlsx, '--headers', 'en'])).code).toBe(0);
    const csv = path.join(dir, 'converted.csv');
    expect((await faq(['export', '--format', 'csv', '--from', xlsx, '--out', csv])).code).toBe(0);
    expect((await readFile(csv, 'utf8')).split('\r\n')[0]).toBe('\uFEFF아이디,카테고리1,카테고리2,카테고리3,카테고리4,질문,유사질문,키워드,관련질문,답변,답변완결,링크,이미지,수정일,출처파일,출처위치');
  });

  it.each([
    [['export'], '--format must be csv or xlsx'],
    [['export', '--format', 'pdf'], '--format must be csv or xlsx'],
    [['export', '--format', 'csv', '--headers', 'jp'], '--headers must be ko or en'],
    [['export', '--format', 'csv', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 with the usage for %j', async (args, message) => {
    const result = await faq(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain('usage: npm run faq -- faq export');
  });

  it('with FAQ_SETS_FILE exports every set to its own file, or the one --set names', async () => {
    const setsFile = path.join(dir, 'export-sets.json');
    await writeFile(path.join(dir, 'export-shop.json'), JSON.stringify({ schemaVersion: 1, entries: [{ id: 's', categories: ['쇼핑'], question: '배송은 얼마나 걸리나요?', answer: '2일' }] }));
    await writeFile(setsFile, JSON.stringify({ defaultSet: 'main', sets: { main: { faqFile: FAQ_FILE }, shop: { faqFile: 'export-shop.json', botIds: ['bot-shop'] } } }));
    const sets = { faqSetsFile: setsFile };

    const all = await faq(['export', '--format', 'csv', '--out', path.join(dir, 'sets.csv')], sets);
    expect(all.code).toBe(0);
    expect(all.err).toContain(`to ${path.join(dir, 'sets.main.csv')}`);
    expect(await readFile(path.join(dir, 'sets.main.csv'), 'utf8')).toContain('환불 계좌는 어떻게 등록 하나요?');
    const shop = await readFile(path.join(dir, 'sets.shop.csv'), 'utf8');
    expect(shop).toContain('배송은 얼마나 걸리나요?');
    expect(shop).not.toContain('환불 계좌');

    const one = await faq(['export', '--format', 'csv', '--set', 'shop'], sets);
    expect(one.code).toBe(0);
    expect(one.stdout.join('')).toContain('배송은 얼마나 걸리나요?');
    expect(one.stdout.join('')).not.toContain('환불 계좌');

    const unknown = await faq(['export', '--format', 'csv', '--set', 'nope'], sets);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown set "nope"; the configured sets are: main, shop');
    const noOut = await faq(['export', '--format', 'csv'], sets);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('2 FAQ sets are configured (main, shop): give --out file to write one file per set, or --set name');
  });

  it('refuses to print a binary workbook on a terminal', async () => {
    const result = await faq(['export', '--format', 'xlsx'], {}, true);
    expect(result.code).toBe(2);
    expect(result.err).toContain('give --out file.xlsx');
  });
});

describe('faq lint', () => {
  it('exits 0 on the bundled data (warnings only) and prints each finding', async () => {
    const result = await faq(['lint']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/faq\.json: 50 entries, 0 error\(s\), 4 warning\(s\)/);
    expect(result.out).toContain('warning same-question');
  });

  it('exits 1 when there are errors, and --json gives the whole report', async () => {
    const file = path.join(dir, 'dupes.json');
    const entry = { categories: ['서비스'], question: '환불 계좌는 어떻게 등록하나요?', answer: '네.' };
    await writeFile(file, JSON.stringify({ schemaVersion: 1, entries: [{ id: 'a', ...entry }, { id: 'b', ...entry }] }));
    const result = await faq(['lint', file, '--json']);
    expect(result.code).toBe(1);
    const { reports } = JSON.parse(result.out);
    expect(reports[0]).toMatchObject({ file, entries: 2, errors: 1 });
    expect(reports[0].findings[0]).toMatchObject({ severity: 'error', rule: 'duplicate-question', entryIds: ['a', 'b'], similarity: 1 });
  });

  it('with no files lints every configured FAQ set', async () => {
    const setsFile = path.join(dir, 'faq-sets.json');
    await writeFile(path.join(dir, 'shop.json'), JSON.stringify({ schemaVersion: 1, entries: [{ id: 's', categories: ['쇼핑'], question: '배송은 얼마나 걸리나요?', answer: '2일' }] }));
    await writeFile(setsFile, JSON.stringify({ defaultSet: 'main', sets: { main: { faqFile: FAQ_FILE }, shop: { faqFile: 'shop.json', botIds: ['bot-shop'] } } }));
    const result = await faq(['lint'], { faqSetsFile: setsFile });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/faq\.json: 50 entries/);
    expect(result.out).toMatch(/shop\.json: 1 entries, 0 error\(s\), 0 warning\(s\)/);
  });
});

describe('the faq command line', () => {
  it('exits 2 on an unknown command and prints the usage for help', async () => {
    expect((await faq(['frobnicate'])).code).toBe(2);
    const help = await faq(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('faq import [files…]');
  });

  it('runs as a program with the exit code of the command', async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, ['bin/kakao-faq.cjs', 'faq', 'lint', '--json', 'data/faq.json'], { cwd: ROOT });
    expect(JSON.parse(ok.stdout).reports[0].errors).toBe(0);
    const bad = path.join(dir, 'not-json.json');
    await writeFile(bad, '{ nope');
    await expect(run(process.execPath, ['bin/kakao-faq.cjs', 'faq', 'lint', bad], { cwd: ROOT })).rejects.toMatchObject({ code: 1 });
  });
});
