import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { SkillPayloadSchema, SkillResponseSchema } from '../../src/kakao';
import { testApp, testFeedback } from '../helpers';

/**
 * Every file in test/fixtures/payloads/conversation/ is one turn of a conversation:
 * `{ description, request: <SkillPayload as Kakao sends it>, expect: { outcome, ... } }`. The request goes
 * through the whole app (POST /skill/faq, default config) and `expect` must be a subset of the reply's `data`.
 */
const DIR = path.resolve(__dirname, '../fixtures/payloads/conversation');

const FixtureSchema = z.strictObject({
  description: z.string().min(10),
  request: z.record(z.string(), z.unknown()),
  expect: z.looseObject({ outcome: z.enum(['answer', 'clarify', 'fallback', 'browse', 'feedback', 'handoff']) }),
});

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...FixtureSchema.parse(JSON.parse(readFileSync(path.join(DIR, file), 'utf8'))) }));

describe('conversation fixtures', () => {
  it('cover every outcome and every path of the conversation', () => {
    expect(new Set(fixtures.map((f) => f.expect.outcome))).toEqual(new Set(['answer', 'clarify', 'fallback', 'browse', 'feedback', 'handoff']));
    expect(fixtures.filter((f) => f.expect.source === 'knowledge').map((f) => f.expect.outcome).sort()).toEqual(['answer', 'answer', 'clarify']);
    expect(fixtures.some((f) => (f.request.contexts as unknown[] | undefined)?.length)).toBe(true);
    for (const { file } of fixtures) expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.json$/);
  });

  it.each(fixtures)('$file: $description', async ({ request: payload, expect: expected }) => {
    expect(SkillPayloadSchema.safeParse(payload).success).toBe(true);
    const feedback = testFeedback();
    const res = await request(await testApp({ feedback: feedback.recorder })).post('/skill/faq').send(payload);
    expect(res.status).toBe(200);
    const parsed = SkillResponseSchema.safeParse(res.body);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
    expect(res.body.data).toMatchObject(expected);
    // a rating is stored exactly when the reply says so
    expect(feedback.store.events.length).toBe(expected.outcome === 'feedback' ? 1 : 0);
  });
});
