import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { knowledgeId } from '../../skills/faq/parts/knowledge';
import { createFeedbackRecorder } from '../../src/feedback/feedback';
import { createJsonlFeedbackStore } from '../../src/feedback/jsonl-feedback-store';
import { bundledFaq, captureLogger, TEST_USER_KEY_SALT, testFeedback } from '../harness';
import { ask, data, homeChip, outputs } from './skill-turn';

/** Rating taps name their answer in `extra.faqId`: only an id the answering FAQ set knows may reach the log. */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faq-feedback-abuse-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A recorder over the real JSONL store in a fresh folder; `bytes()` is the log's size (0 when never written). */
function fileFeedback() {
  const file = path.join(dir, 'feedback.jsonl');
  const recorder = createFeedbackRecorder({ store: createJsonlFeedbackStore(file), salt: TEST_USER_KEY_SALT });
  const bytes = () => stat(file).then((s) => s.size, () => 0);
  return { recorder, bytes };
}

describe('a rating tap naming an answer the FAQ does not have', () => {
  it('records nothing for a 60,000-character faqId, and answers with a normal reply that does not echo it', async () => {
    const faq = await bundledFaq();
    const feedback = fileFeedback();
    const huge = 'x'.repeat(60_000);
    for (const rating of ['up', 'down']) {
      const reply = await ask(faq, '도움이 됐어요', { clientExtra: { feedback: rating, faqId: huge }, feedback });
      expect(data(reply).outcome).toBe('fallback');
      expect(outputs(reply)[0]!.simpleText.text).toContain('의견을 남길 수 없어요');
      expect(homeChip(reply)).toBeDefined();
      expect(JSON.stringify(reply).length).toBeLessThan(5000);
    }
    expect(await feedback.bytes()).toBe(0);
  });

  it('records nothing for a well-formed id outside the set, a 지식+ id of the wrong shape or an id of another type', async () => {
    const faq = await bundledFaq();
    const feedback = testFeedback();
    const unknown = [
      { faqId: 'faq-000000000000' },
      { faqId: 'kb-nothex!!', question: '환불은 언제 되나요?' },
      { faqId: `kb-${'a'.repeat(40)}`, question: '환불은 언제 되나요?' },
      { faqId: 42 },
      { faqId: '' },
      {},
    ];
    for (const target of unknown) {
      const reply = await ask(faq, '아쉬워요', { clientExtra: { feedback: 'down', ...target }, feedback });
      expect(data(reply).outcome).toBe('fallback');
    }
    expect(feedback.store.events).toEqual([]);
  });

  it('logs the dropped rating at debug level only, with the id cut short', async () => {
    const faq = await bundledFaq();
    const capture = captureLogger();
    capture.log.level = 'debug';
    await ask(faq, '도움이 됐어요', { clientExtra: { feedback: 'up', faqId: 'y'.repeat(60_000) }, log: capture.log });
    const line = capture.lines.find((l) => String(l.msg).includes('not recorded'));
    expect(line).toMatchObject({ level: 20 });
    expect(capture.text().length).toBeLessThan(2000);
  });

  it('bounds the question a 지식+ rating carries, and still records a known entry and a 지식+ answer', async () => {
    const faq = await bundledFaq();
    const feedback = fileFeedback();
    const entry = faq.entries[5]!;
    await ask(faq, '도움이 됐어요', { clientExtra: { feedback: 'up', faqId: entry.id, question: '가'.repeat(300) }, feedback });
    const afterKnown = await feedback.bytes();
    expect(afterKnown).toBeGreaterThan(0);
    expect(afterKnown).toBeLessThan(1000);

    const id = knowledgeId({ categories: ['결제'], question: '환불은 언제 되나요?' });
    await ask(faq, '도움이 됐어요', { clientExtra: { feedback: 'up', faqId: id, question: '나'.repeat(300) }, feedback });
    const kbLine = (await feedback.bytes()) - afterKnown;
    expect(kbLine).toBeGreaterThan(0);
    // at most 200 characters of question (3 bytes each in UTF-8) besides the fixed fields
    expect(kbLine).toBeLessThan(200 * 3 + 300);
  });
});
