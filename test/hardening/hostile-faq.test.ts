import fc from 'fast-check';
import request from 'supertest';
import { hostileString } from '../../src/cli/fuzz/hostile-text';
import { createFaqStore } from '../../src/faq/faq-store';
import { FAQ_FIELD_MAX, FaqFileSchema } from '../../src/faq/faq-schema';
import { SkillResponseSchema } from '../../src/kakao';
import { inProcessApp, kakaoPayload } from '../harness';

/**
 * Operator data is untrusted too: any FAQ file the schema accepts (hostile text, fields as long as
 * FAQ_FIELD_MAX allows, emoji-only questions, lone surrogates, controls) loads, and every reply built from
 * it fits Kakao's limits, so the skill never answers with the apology bubble because of the data.
 */

// Hostile, but within what the schema accepts (FAQ_FIELD_MAX): longer files are refused at load.
const text = (max: number) => hostileString.map((s) => (s.trim() ? s : `${s}질문`).slice(0, max)).filter((s) => s.trim() !== '');
const entries = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
    categories: fc.array(text(FAQ_FIELD_MAX.category), { minLength: 1, maxLength: 4 }),
    question: text(FAQ_FIELD_MAX.question),
    alternateQuestions: fc.array(text(FAQ_FIELD_MAX.question), { maxLength: 2 }),
    keywords: fc.array(text(FAQ_FIELD_MAX.keyword), { maxLength: 2 }),
    answer: text(FAQ_FIELD_MAX.answer),
    landingUrl: fc.option(hostileString.map((s) => `https://x.test/${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}`), { nil: undefined }),
  }),
  { minLength: 1, maxLength: 6, selector: (e) => e.id },
);

describe('a FAQ full of hostile text', () => {
  it('loads, and every reply from it is a valid SkillResponse that is not an apology', async () => {
    let replies = 0;
    await fc.assert(
      fc.asyncProperty(entries, fc.nat(), hostileString, fc.boolean(), async (list, pick, other, askQuestion) => {
        const store = createFaqStore(FaqFileSchema.parse({ schemaVersion: 1, entries: list }));
        const app = await inProcessApp({ faq: store });
        const target = list[pick % list.length]!;
        for (const payload of [
          kakaoPayload(askQuestion ? target.question : other),
          kakaoPayload(target.question, { clientExtra: { faqId: target.id } }),
          kakaoPayload(target.categories[0]!, { clientExtra: { browse: [target.categories[0]] } }),
        ]) {
          const res = await request(app).post('/skill/faq').send(payload);
          expect(res.status).toBe(200);
          const parsed = SkillResponseSchema.safeParse(res.body);
          if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues).slice(0, 500));
          expect(['answer', 'clarify', 'fallback', 'browse', 'small_talk']).toContain(res.body.data.outcome);
          replies += 1;
        }
      }),
      { numRuns: 60, seed: 4242, endOnFailure: true },
    );
    expect(replies).toBe(180);
  }, 60_000);
});
