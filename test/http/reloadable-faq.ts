import type { FaqSnapshot } from '../../src/faq/sets/reloadable-set';
import { createFaqSets } from '../../src/faq/sets/set-selection';
import { createFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { snapshotFeed } from '../../src/http/reply-warming';
import { bundledFaq } from '../harness';

/**
 * The bundled FAQ as one set, "default", reloaded by `reload(answer)`: a new snapshot in which the entry "환불 계좌는
 * 어떻게 등록 하나요?" answers `answer`, announced on `swaps` the way src/main.ts announces a reload's swap.
 */
export async function reloadableFaq(firstAnswer = '예전 답변입니다.') {
  const faq = await bundledFaq();
  const entry = faq.entries.find((e) => e.question === '환불 계좌는 어떻게 등록 하나요?')!;
  const edited = (answer: string): FaqStore =>
    createFaqStore({ schemaVersion: 1, entries: faq.entries.map((e) => (e.id === entry.id ? { ...e, answer } : e)) });
  let snapshot: FaqSnapshot = { set: 'default', store: edited(firstAnswer), loadedAt: new Date() };
  const faqSets = createFaqSets([{ name: 'default', current: () => snapshot, lastFailure: () => undefined }], {
    defaultSet: 'default',
    botSets: new Map(),
  });
  const swaps = snapshotFeed();
  const reload = (answer: string) => {
    snapshot = { set: 'default', store: edited(answer), loadedAt: new Date() };
    swaps.publish(snapshot);
    return snapshot.store.version;
  };
  return { faq, entry, faqSets, swaps, reload, version: () => snapshot.store.version };
}
