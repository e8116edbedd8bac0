import request from 'supertest';
import { staticFaqSets } from '../../src/faq/sets/set-selection';
import type { FaqStore } from '../../src/faq/faq-store';
import { createSkillRegistry, defineSkill } from '../../src/skill';
import { bundledFaq, captureLogger, inProcessApp, kakaoPayload } from '../harness';

const SECRET = 'correct-horse-battery-staple';
const SALT = 'user-key-salt-never-shown';

/** What a stack trace, a file path or a secret would look like in a response body. */
function expectNothingInternal(text: string) {
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/\.(ts|js):\d+/);
  expect(text).not.toContain('stack');
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(SALT);
}

describe('responses never carry stack traces or secrets', () => {
  it('a skill that throws gets an apology bubble; the error, with its stack, goes to the log only', async () => {
    const exploding = defineSkill({
      name: 'faq',
      handle() {
        throw new Error(`database password is ${SECRET}`);
      },
    });
    const captured = captureLogger();
    const app = await inProcessApp({ skills: createSkillRegistry([exploding]), log: captured.log, env: { USER_KEY_SALT: SALT } });
    const res = await request(app).post('/skill/faq').send(kakaoPayload('환불'));
    expect(res.status).toBe(200);
    expect(res.body.data.outcome).toBe('error');
    expectNothingInternal(res.text);
    expect(captured.text()).toContain('skill failed');
  });

  it('an unexpected error outside a skill is a 500 with a request id and a generic message', async () => {
    const faq = await bundledFaq();
    let broken = false;
    const sets = staticFaqSets(faq as FaqStore);
    const app = await inProcessApp({
      faqSets: {
        ...sets,
        health: () => {
          if (broken) throw new Error(`cannot read /srv/secret/${SECRET}.json`);
          return sets.health();
        },
      },
    });
    broken = true;
    const res = await request(app).get('/healthz').set('x-request-id', 'req-500');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: { status: 500, code: 'internal_error', message: 'Internal error; quote the request id to support', requestId: 'req-500' },
    });
    expectNothingInternal(res.text);
  });

  it('a wrong skill secret is named as wrong, and the expected value is not revealed', async () => {
    const app = await inProcessApp({ env: { SKILL_SECRET: SECRET } });
    const res = await request(app).post('/skill/faq').set('x-skill-secret', 'guess-guess-guess').send(kakaoPayload('환불'));
    expect(res.status).toBe(401);
    expectNothingInternal(res.text);
  });

});
