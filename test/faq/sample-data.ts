import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FaqEntryInput } from '../../src/faq/faq-schema';

/**
 * Small FAQ data sets for tests that need real files: a refund entry whose answer names its `generation`,
 * so a reply shows which version of the data answered it, and a few unrelated entries around it.
 */
export function sampleEntries(generation: number, extra: FaqEntryInput[] = []): FaqEntryInput[] {
  return [
    {
      id: 'faq-refund-account',
      categories: ['테스트 서비스', '결제', '환불'],
      question: '환불 계좌는 어떻게 등록하나요?',
      answer: `설정 > 결제 > 환불 계좌에서 등록합니다. (버전 ${generation})`,
    },
    { id: 'faq-reservation-cancel', categories: ['테스트 서비스', '예약'], question: '예약을 취소하고 싶어요', answer: '예약 내역에서 취소 버튼을 누르세요.' },
    { id: 'faq-channel-add', categories: ['테스트 서비스', '채널'], question: '채널 추가는 어떻게 하나요?', answer: '채널 홈에서 채널 추가 버튼을 누르세요.' },
    { id: 'faq-wallet', categories: ['월렛'], question: '월렛이란 무엇인가요?', answer: '월렛은 결제 수단을 모아 두는 곳입니다.' },
    ...extra,
  ];
}

export function faqFileText(entries: readonly FaqEntryInput[]): string {
  return `${JSON.stringify({ schemaVersion: 1, entries }, null, 2)}\n`;
}

export const SYNONYMS_TEXT = `${JSON.stringify({ groups: [['환불', 'refund'], ['등록', '추가']] })}\n`;

/** A temporary directory with `faq.json` (generation 1) and `synonyms.json`; `cleanup` removes it. */
export async function sampleDataDir(): Promise<{ dir: string; faqFile: string; synonymsFile: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faq-test-'));
  const faqFile = path.join(dir, 'faq.json');
  const synonymsFile = path.join(dir, 'synonyms.json');
  await writeFile(faqFile, faqFileText(sampleEntries(1)));
  await writeFile(synonymsFile, SYNONYMS_TEXT);
  return { dir, faqFile, synonymsFile, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
