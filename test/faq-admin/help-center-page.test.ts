import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { faqIdFor } from '../../src/faq/faq-id';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { importFaqSources } from '../../src/faq-admin/formats/import-sources';
import { parseHelpCenterPage } from '../../src/faq-admin/help-center-page';
import { answerLooksCut, bareSyllables, missingSuGaps } from '../../src/faq-admin/text-defects';
import { ROOT } from '../harness';

const SEED_DIR = path.join(ROOT, 'data/sources/help-center');

async function seeds(): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(SEED_DIR)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(SEED_DIR, name), 'utf8') })));
}

describe('parseHelpCenterPage', () => {
  it('reads every entry of each of the five seed pages, ten per page, rejecting none', async () => {
    const pages = await seeds();
    expect(pages).toHaveLength(5);
    for (const page of pages) {
      const result = parseHelpCenterPage(page.text, page.name);
      expect(result.problems).toEqual([]);
      expect(result.entries).toHaveLength(10);
    }
  });

  it('keeps categories (1 to 4 levels), question and answer text verbatim', async () => {
    const [first] = await seeds();
    const { entries } = parseHelpCenterPage(first!.text, first!.name);
    expect(entries[0]).toMatchObject({
      categories: ['카카오톡 예약하기 파트너센터', '예약관리', '예약/취소관리'],
      question: '예약취소는 어떤 상태인가요?',
      source: { file: first!.name, position: 1 },
    });
    expect(entries[0]!.answer).toMatch(/^예약신청 상태에서 '예약취소\(확정거절\)' 처리 되거나/);
    expect(entries[0]!.answer).toMatch(/추가로 확인할 수 있습니다\.$/);
    const mail = entries.find((e) => e.categories[0] === '카카오메일');
    expect(mail?.categories).toEqual(['카카오메일', '메일 보내기']);
    expect(mail?.question).toBe('[예약발송] 예약발송을 취소한 메일 내용이 따로 저장되나요?');
  });

  it('keeps the three 멀티프로필 platform variants and the two 환불승인 services as separate entries', async () => {
    const entries = (await seeds()).flatMap((p) => parseHelpCenterPage(p.text, p.name).entries);
    const multi = entries.filter((e) => e.question === "그룹 채팅방에서 '프로필별 대화상대'는 어떤 메뉴인가요?");
    expect(multi.map((e) => e.categories[2])).toEqual(['안드로이드', 'iOS', 'Windows']);
    expect(new Set(multi.map((e) => e.id)).size).toBe(3);
    const refunds = entries.filter((e) => e.question.startsWith('환불승인이 되었다고 하는데'));
    expect(refunds.map((e) => e.categories[0])).toEqual(['브랜드 이모티콘 관리자센터', '브랜드검색 광고']);
  });

  it('does not start an entry at a bullet sign inside an answer', async () => {
    const page = (await seeds())[1]!;
    const { entries } = parseHelpCenterPage(page.text, page.name);
    const moment = entries.find((e) => e.categories[0] === '카카오모먼트');
    expect(moment?.answer).toContain('kakaoplus://plusfriend/chat/');
    expect(moment?.answer).toContain('• kakaoplus://');
  });

  it('gives stable ids: the same category path and question always map to the same id', async () => {
    const page = (await seeds())[0]!;
    const once = parseHelpCenterPage(page.text, page.name).entries.map((e) => e.id);
    const twice = parseHelpCenterPage(page.text, 'renamed.txt').entries.map((e) => e.id);
    expect(twice).toEqual(once);
    expect(once[0]).toBe(faqIdFor(['카카오톡 예약하기 파트너센터', '예약관리', '예약/취소관리'], '예약취소는 어떤 상태인가요?'));
  });

  it('reports a bullet without a question or answer, and more than four category levels, with the line', () => {
    const text = [
      '도움말 검색 결과 (총 3건)',
      '  • [A][B]',
      '',
      '    질문만 있어요?',
      '',
      '  • [A][B][C][D][E]',
      '',
      '    깊은 질문',
      '',
      '    답변',
      '  • [서비스][분류]',
      '',
      '    제대로 된 질문인가요?',
      '',
      '    네, 첫 줄입니다.',
      '',
      '    두 번째 문단입니다.',
    ].join('\n');
    const result = parseHelpCenterPage(text, 'x.txt');
    expect(result.problems).toEqual([
      { line: 2, reason: 'question "질문만 있어요?" has no answer' },
      { line: 6, reason: '5 category levels (지식+ allows 4)' },
    ]);
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]!.answer).toBe('네, 첫 줄입니다.\n두 번째 문단입니다.');
  });
});

describe('the bundled data/faq.json', () => {
  it('is exactly what `faq import` makes of the five seed pages (repaired), with the ids of the printed questions', async () => {
    const raw = JSON.parse(await readFile(path.join(ROOT, 'data/faq.json'), 'utf8'));
    const faq = FaqFileSchema.parse(raw);
    const pages = (await readdir(SEED_DIR)).filter((n) => n.endsWith('.txt')).sort();
    const imported = await importFaqSources(pages.map((n) => path.join(SEED_DIR, n)));
    expect(imported.problems).toEqual([]);
    expect(faq.entries).toHaveLength(50);
    expect(faq.entries).toEqual(imported.entries);
    // ids stay those of the questions as the pages print them, so links and feedback records still point home
    const printed = (await seeds()).flatMap((p) => parseHelpCenterPage(p.text, p.name).entries);
    expect(faq.entries.map((e) => e.id)).toEqual(printed.map((e) => faqIdFor(e.categories, e.question)));
  });

  it('reads as correct Korean: the dropped search words are back', async () => {
    const faq = FaqFileSchema.parse(JSON.parse(await readFile(path.join(ROOT, 'data/faq.json'), 'utf8')));
    const byId = new Map(faq.entries.map((e) => [e.id, e]));
    expect(byId.get('faq-d666309f8e24')!.question).toBe('스킬 알림은 어떻게 받을 수 있나요?');
    expect(byId.get('faq-02c138773020')!.answer).toBe('알림 수신은 주기를 설정할 수는 있으나 수신시간대를 설정할 수는 없습니다. 알림 주기는 마스터만 설정할 수 있습니다.');
    expect(byId.get('faq-b93a027515c6')!.answer).toContain('충전/환불/소진 모두 가능한 상태입니다');
    expect(byId.get('faq-78d0874179a5')!.answer).toMatch(/^캐시는 소진순서 상 유상캐시보다 무상캐시가 먼저 소진되기 때문에/);
    expect(byId.get('faq-528d9c331b79')!.question).toContain('"카카오헤어샵 for 파트너스"에서 새로운 헤어샵의 초대장');
    expect(byId.get('faq-6555fb94dd1b')!.answer).toContain('https://www.tosspayments.com 카드 거래의 경우');
    for (const entry of faq.entries) {
      expect([entry.id, missingSuGaps(`${entry.question}\n${entry.answer}`), bareSyllables(entry.answer)]).toEqual([entry.id, [], []]);
    }
  });

  it('marks the answers that are search snippets, and only those', async () => {
    const faq = FaqFileSchema.parse(JSON.parse(await readFile(path.join(ROOT, 'data/faq.json'), 'utf8')));
    const partial = faq.entries.filter((e) => e.answerComplete === false);
    expect(partial).toHaveLength(21);
    expect(partial.map((e) => e.id)).toEqual(expect.arrayContaining(['faq-9a46deecb1c3', 'faq-797c6f2465b4', 'faq-f6fb364bc72d']));
    for (const entry of faq.entries.filter((e) => e.answerComplete !== false)) expect([entry.id, answerLooksCut(entry.answer)]).toEqual([entry.id, undefined]);
  });
});
