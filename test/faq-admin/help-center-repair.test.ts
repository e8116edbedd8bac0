import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { faqIdFor } from '../../src/faq/faq-id';
import { readHelpCenterFile } from '../../src/faq-admin/formats/help-center-format';
import { repairHelpCenterEntries, spaceAfterGluedUrls } from '../../src/faq-admin/help-center-repair';
import { answerLooksCut, bareSyllables, missingSuGaps, restoreSu } from '../../src/faq-admin/text-defects';

describe('the dropped word "수"', () => {
  it.each([
    ['스킬 알림은 어떻게 받을 있나요?', '스킬 알림은 어떻게 받을 수 있나요?'],
    ['봇은 최대 몇 개까지 만들 있나요?', '봇은 최대 몇 개까지 만들 수 있나요?'],
    ['작업자이더라도 설정할는 있으나', '작업자이더라도 설정할 수는 있으나'],
    ['수신시간대를 설정할 는 없습니다.', '수신시간대를 설정할 수는 없습니다.'],
    ['발송되지 않을 있습니다.', '발송되지 않을 수 있습니다.'],
    ['취소할 없는 경우', '취소할 수 없는 경우'],
    ['다시 볼 도 있어요', '다시 볼 수도 있어요'],
    ['결과로 알 있습니다.', '결과로 알 수 있습니다.'],
    ['이미 처리했을 있습니다.', '이미 처리했을 수 있습니다.'],
  ])('%s → %s', (broken, fixed) => {
    expect(missingSuGaps(broken)).toHaveLength(1);
    expect(restoreSu(broken).text).toBe(fixed);
    expect(missingSuGaps(fixed)).toEqual([]);
  });

  it.each([
    '확인할 수 있습니다.',
    '메일 있나요?',
    '채널 없음',
    '프로필 있나요?',
    '금액을 없애려면 취소하세요.',
    '출금 신청할수 있습니다.',
    '이용할 때 있는 버튼',
    '알림 수신은 주기를 설정할 수는 있으나',
    '사진을 있는 그대로 올려 주세요.',
    '서울 있는 매장에서 받으세요.',
    '알림을 없이 보낼 수 있나요?',
    '친구를 있는 대로 초대하세요.',
    '화살 있는 곳',
  ])('leaves correct Korean alone: %s', (text) => {
    expect(missingSuGaps(text)).toEqual([]);
    expect(restoreSu(text)).toEqual({ text, restored: 0 });
  });
});

describe('a lone syllable left of a word', () => {
  it('finds "진" left of "소진" in slash lists, and nothing in real lists', () => {
    expect(bareSyllables('충전/환불/진 모두 가능')).toHaveLength(1);
    expect(bareSyllables('충전/진이 불가하고')).toHaveLength(1);
    expect(bareSyllables('충전/소진/환불 가능, 한글/영문 문자/숫자, 등록/수정 가능, 퍼스트몰/클릭엔')).toEqual([]);
  });
});

describe('answerLooksCut', () => {
  it.each([
    ['멀티프로필을 최소 1개 이상 갖고 있을 때 제공됩니다. 1개 이상 갖고', /ends mid-sentence/],
    ['가비아(퍼스트몰/클릭엔), NHN커머스(샵바이 프리미엄, 샵바이 프로),', /ends mid-sentence/],
    ['다음 순서로 설정합니다. [반품택배사 설정 방법] 1.', /number of a step/],
    ['월렛은 채널의 모든 관리자가 사용할 수 있으며 이렇게…', /ellipsis/],
    ['. * 현재 간편 설정 팝업을 통해 신청 가능한 호스팅사는 다음과 같습니다.', /starts mid-sentence/],
    ['Due Diligence, CDD)란, 금융회사 등이 고객의 신원을 확인하는 제도입니다.', /bracket is closed/],
    ['결제가 불가합니다. - 결제완료 후 발급받지 않은 일련번호가 존재합니다. - 환불', /ends mid-sentence/],
  ])('%s', (answer, reason) => {
    expect(answerLooksCut(answer)).toMatch(reason);
  });

  it.each([
    '예약자에게는 별도로 안내가 필요합니다.',
    '1) 월렛 생성 가능2) 월렛에 세금계산서 이메일 등록/수정 가능',
    '환불 처리 기간이 소요됩니다. - 신용카드 환불 : 영업일 3~5일 내 카드사 승인취소 - 계좌이체 환불 : 영업일 2~3일 내 환불금액 입금',
    '봇은 최대 500개까지 생성할 수 있습니다. (모든 봇을 합하여 총 500개까지 보유 가능)',
    '잔존율 측정을 저장하는 기능은 현재 제공하고 있지 않습니다.※ 챗봇 관리자센터 도움말 ▶ 바로가기',
    '관리자센터에서 설정할 수 있어요',
    '네',
  ])('reads as complete: %s', (answer) => {
    expect(answerLooksCut(answer)).toBeUndefined();
  });
});

describe('spaceAfterGluedUrls', () => {
  it('separates a word glued to a URL and keeps particles attached', () => {
    expect(spaceAfterGluedUrls('토스페이먼츠 https://www.tosspayments.com카드 거래의 경우')).toBe('토스페이먼츠 https://www.tosspayments.com 카드 거래의 경우');
    expect(spaceAfterGluedUrls('https://x.test/refund에서 확인하세요. https://x.test/a를 누르세요')).toBe('https://x.test/refund에서 확인하세요. https://x.test/a를 누르세요');
  });
});

describe('repairing a help-center page on import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'help-center-repair-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const page = (entries: [string, string][]) =>
    `도움말 검색 결과 (총 2건)\n\n${entries.map(([q, a]) => `  • [챗봇 관리자센터][월렛]\n\n    ${q}\n\n    ${a}\n`).join('\n')}`;

  it('puts "수" back only when the page\'s .repair.json names it, keeping the printed ids', async () => {
    const file = path.join(dir, 'su.txt');
    await writeFile(file, page([['월렛은 어디에서 확인할 있나요?', '상단 메뉴에서 확인할 있습니다.'], ['봇은 몇 개까지 만들 있나요?', '500개까지 생성할 있습니다.']]));
    const unrepaired = await readHelpCenterFile(file);
    expect(unrepaired.entries.map((e) => e.answer)).toEqual(['상단 메뉴에서 확인할 있습니다.', '500개까지 생성할 있습니다.']);
    expect(unrepaired.notes).toEqual([
      expect.stringMatching(/^su\.txt: entry 1 .*a word looks missing in .*put it back with a \.repair\.json/),
      expect.stringMatching(/^su\.txt: entry 2 .*a word looks missing in/),
    ]);

    await writeFile(path.join(dir, 'su.repair.json'), JSON.stringify({ restoreWord: '수' }));
    const result = await readHelpCenterFile(file);
    expect(result.problems).toEqual([]);
    expect(result.entries.map((e) => [e.question, e.answer])).toEqual([
      ['월렛은 어디에서 확인할 수 있나요?', '상단 메뉴에서 확인할 수 있습니다.'],
      ['봇은 몇 개까지 만들 수 있나요?', '500개까지 생성할 수 있습니다.'],
    ]);
    expect(result.entries[0]!.id).toBe(faqIdFor(['챗봇 관리자센터', '월렛'], '월렛은 어디에서 확인할 있나요?'));
    expect(result.notes).toEqual(['su.txt: restored the dropped search word "수" in 4 places']);
  });

  it('leaves correct Korean alone on a page without a repair file, even with several look-alike gaps', () => {
    const answer = '사진을 있는 그대로 올리고, 서울 있는 매장에서 알림을 없이 받으세요.';
    const entries = [{ id: 'a', categories: ['x'], question: '사진은 어떻게 올리나요?', answer, source: { file: 'p.txt', position: 1 } }];
    const result = repairHelpCenterEntries(entries);
    expect(result.entries[0]!.answer).toBe(answer);
    expect(result.notes).toEqual([]);
  });

  it('does not guess when the page also has "-ㄹ 수 있다" intact, and reports the gap instead', () => {
    const entries = [{ id: 'a', categories: ['x'], question: '확인할 수 있나요?', answer: '메뉴에서 확인할 있습니다. 또 설정할 있습니다.', source: { file: 'p.txt', position: 1 } }];
    const result = repairHelpCenterEntries(entries);
    expect(result.entries[0]!.answer).toBe(entries[0]!.answer);
    expect(result.notes).toEqual([expect.stringMatching(/^entry 1 .*a word looks missing in "뉴에서 확인할 있습니", ". 또 설정할 있습니"/)]);
  });

  it('puts another word back where the .repair.json gaps say, marks snippets, and reports a gap that fits nothing', async () => {
    const file = path.join(dir, 'so.txt');
    await writeFile(file, page([['월렛 상태는 무엇인가요?', '충전/환불/진 모두 가능하고, 진순서는 무상캐시가 먼저입니다.'], ['월렛이란?', '연결된 월렛은 채널의 모든 관리자가 충전/']]));
    await writeFile(path.join(dir, 'so.repair.json'), JSON.stringify({ restoreWord: '소', gaps: ['/|진', ' |진'], snippets: [] }));
    const result = await readHelpCenterFile(file);
    expect(result.problems).toEqual([]);
    expect(result.entries.map((e) => [e.answer, e.answerComplete])).toEqual([
      ['충전/환불/소진 모두 가능하고, 소진순서는 무상캐시가 먼저입니다.', undefined],
      ['연결된 월렛은 채널의 모든 관리자가 충전/', false],
    ]);
    expect(result.notes).toEqual([
      'so.txt: restored the dropped search word "소" in 2 places',
      'so.txt: 1 answers are search snippets cut mid-sentence (marked answerComplete: false): entries 2',
    ]);

    await writeFile(path.join(dir, 'so.repair.json'), JSON.stringify({ restoreWord: '소', gaps: ['/|진', '충전|금'] }));
    const stale = await readHelpCenterFile(file);
    expect(stale.problems).toEqual([
      expect.objectContaining({ file: path.join(dir, 'so.repair.json'), reason: 'gap "충전|금" matches nothing on the page (did the page change?)' }),
    ]);
  });

  it('rejects a repair file it cannot follow, naming the problem', async () => {
    const file = path.join(dir, 'bad.txt');
    await writeFile(file, page([['질문인가요?', '답변입니다.']]));
    await writeFile(path.join(dir, 'bad.repair.json'), JSON.stringify({ restoreWord: '샵' }));
    await expect(readHelpCenterFile(file)).rejects.toThrow(/only "수" can be restored without gaps/);
  });
});
