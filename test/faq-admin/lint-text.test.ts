import { FaqFileSchema, type FaqEntry, type FaqEntryInput } from '../../src/faq/faq-schema';
import { lintEntries } from '../../src/faq-admin/lint/lint-faq';
import type { LintFinding } from '../../src/faq-admin/lint/lint-finding';

const entries = (list: FaqEntryInput[]): FaqEntry[] => FaqFileSchema.parse({ schemaVersion: 1, entries: list }).entries;
const textFindings = (findings: readonly LintFinding[]) =>
  findings.filter((f) => ['missing-word', 'answer-cut', 'url-swallows-text'].includes(f.rule)).map((f) => `${f.rule} ${f.entryIds.join(',')}`);

describe('faq lint on help-center text defects', () => {
  const clean: FaqEntryInput[] = [
    { id: 'alerts', categories: ['스킬'], question: '스킬 알림은 어떻게 받을 수 있나요?', answer: '설정할 수는 있으나 알림 주기는 마스터만 설정할 수 있습니다.' },
    { id: 'wallet', categories: ['월렛'], question: '월렛 상태는 무엇인가요?', answer: '충전/환불/소진 모두 가능한 상태입니다. 자세한 내용은 https://x.test/wallet에서 확인하세요.' },
  ];

  it('finds nothing in correct Korean', () => {
    expect(textFindings(lintEntries(entries(clean)))).toEqual([]);
  });

  it('warns about a dropped word: "-ㄹ 있다" without 수, and a lone syllable left of a word', () => {
    const findings = lintEntries(
      entries([
        ...clean,
        { id: 'su', categories: ['스킬'], question: '스킬 알림 시간을 설정할 있나요?', answer: '알림 주기는 마스터만 설정할 있습니다.' },
        { id: 'so', categories: ['월렛'], question: '캐시현황이 맞지 않아요', answer: '캐시현황의 충전/진/환불의 데이터는 일자별 데이터입니다.' },
      ]),
    );
    expect(textFindings(findings)).toEqual(['missing-word su', 'missing-word so']);
    expect(findings.find((f) => f.entryIds[0] === 'su')!.message).toContain('"수" looks missing in "시간을 설정할 있나요", "스터만 설정할 있습니"');
  });

  it('warns about an answer cut mid-sentence unless it is marked answerComplete: false', () => {
    const cut = '연결된 월렛은 채널의 모든 관리자가 충전/';
    const findings = lintEntries(
      entries([
        ...clean,
        { id: 'cut', categories: ['월렛'], question: '월렛이란 무엇인가요?', answer: cut },
        { id: 'marked', categories: ['월렛'], question: '월렛은 왜 만드나요?', answer: cut, answerComplete: false },
      ]),
    );
    expect(textFindings(findings)).toEqual(['answer-cut cut']);
    expect(findings.find((f) => f.rule === 'answer-cut')!.message).toContain('mark it "answerComplete": false');
  });

  it('warns about links that took in the text after them: a punycode host, percent-encoded Korean at the end', () => {
    const findings = lintEntries(
      entries([
        ...clean,
        { id: 'host', categories: ['결제'], question: '영수증은 어디서 보나요?', answer: '토스페이먼츠 사이트에서 볼 수 있습니다.', landingUrl: 'https://www.tosspayments.com카드' },
        { id: 'path', categories: ['결제'], question: '환불 규정은요?', answer: '규정은 https://x.test/refund%EC%97%90%EC%84%9C 확인하세요.' },
      ]),
    );
    expect(textFindings(findings)).toEqual(['url-swallows-text host', 'url-swallows-text path']);
    expect(findings.find((f) => f.entryIds[0] === 'host')!.message).toMatch(/landingUrl .*punycode host "www\.tosspayments\.xn--com-504mx73h" \("www\.tosspayments\.com카드"\)/);
    expect(findings.find((f) => f.entryIds[0] === 'path')!.message).toContain('a link in the answer https://x.test/refund%EC%97%90%EC%84%9C ends in percent-encoded Korean "에서"');
  });
});
