import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { staticFaqSets } from '../../src/faq/sets/set-selection';
import { skillPipeline } from '../../src/http/skill-pipeline/pipeline';
import { DeadlineError } from '../../src/http/skill-pipeline/deadline';
import { simpleText, skillResponse, toSkillRequest, SkillPayloadSchema, type SkillResponse } from '../../src/kakao';
import { createSkillRegistry, defineSkill, type Skill } from '../../src/skill';
import { hashUserKey } from '../../src/user-key';
import { edgeReplies } from '../../skills';
import { bundledFaq, captureLogger, inProcessApp, kakaoPayload } from '../harness';
import { wireReplies, type WireReply } from './wire-replies';

/**
 * The lean edge (issue 15): responses validated only in debug mode, one serialisation, one log line and no
 * child logger per call, no deadline timer for a synchronous skill, the user-key hash cached. None of it may
 * change a byte of what Kakao gets.
 */

const RECORDED = path.join(__dirname, 'fixtures/wire-replies.json');

describe('every payload fixture through the lean edge', () => {
  let validated: WireReply[];
  beforeAll(async () => {
    validated = await wireReplies({ VALIDATE_RESPONSES: 'true' });
  });

  it('answers byte for byte the same, headers included, with response validation on and off', async () => {
    const unvalidated = await wireReplies({ VALIDATE_RESPONSES: 'false' });
    expect(unvalidated.length).toBeGreaterThan(100);
    expect(unvalidated).toEqual(validated);
  });

  it('answers byte for byte what the edge answered before it was made lean (recorded replies)', () => {
    const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as WireReply[];
    expect(validated.map((r) => r.name)).toEqual(recorded.map((r) => r.name));
    for (const [i, reply] of validated.entries()) expect(reply).toEqual(recorded[i]);
  });
});

describe('response validation (VALIDATE_RESPONSES)', () => {
  // a reply no builder would make: a simpleText without text
  const broken = createSkillRegistry([
    defineSkill({ name: 'faq', handle: () => ({ version: '2.0', template: { outputs: [{ simpleText: {} }] } }) as unknown as SkillResponse }),
  ]);

  it('in debug mode turns a reply that breaks the schema into the apology; in production sends what the builders made', async () => {
    const debug = await request(await inProcessApp({ skills: broken })).post('/skill/faq').send(kakaoPayload('질문'));
    expect(debug.body.data.outcome).toBe('error');
    const production = await request(await inProcessApp({ skills: broken, env: { VALIDATE_RESPONSES: 'false' } }))
      .post('/skill/faq')
      .send(kakaoPayload('질문'));
    expect(production.status).toBe(200);
    expect(production.body.template.outputs).toEqual([{ simpleText: {} }]);
  });

  it('still refuses a reply that the FAQ stamp pushes over 30 KB: the apology goes out instead', async () => {
    const big = (utterance: string) => skillResponse({ outputs: [simpleText('가')], data: { outcome: 'answer', pad: 'x'.repeat(Number(utterance)) } });
    const skills = createSkillRegistry([defineSkill({ name: 'faq', handle: (req) => big(req.utterance) })]);
    const app = await inProcessApp({ skills, env: { VALIDATE_RESPONSES: 'false' } });
    const fits = JSON.stringify(big('30000')).length;
    const under = await request(app).post('/skill/faq').send(kakaoPayload('30000'));
    expect(under.body.data.outcome).toBe('answer');
    // fits before the stamp (the builder checked it), not after
    const padding = String(30 * 1024 - fits + 30000 - 10);
    const over = await request(app).post('/skill/faq').send(kakaoPayload(padding));
    expect(over.body.data.outcome).toBe('error');
    expect(Buffer.byteLength(over.text)).toBeLessThan(30 * 1024);
  });
});

describe('one skill call', () => {
  const request_ = toSkillRequest(SkillPayloadSchema.parse(kakaoPayload('환불 계좌는 어떻게 등록 하나요?')));

  async function callWith(skill: Skill, deadlineMs = 1000) {
    const capture = captureLogger();
    const child = jest.spyOn(capture.log, 'child');
    const run = skillPipeline({
      faqSets: staticFaqSets(await bundledFaq()),
      edgeReplies,
      deadlineMs,
      log: capture.log,
      callLog: { userKeySalt: 'salt-0123456789abcdef', logUtterances: true },
      answerUrl: (id) => `https://faq.example.com/faq/${id}`,
    });
    const timers = jest.spyOn(global, 'setTimeout');
    try {
      const outcome = await run({ skill, request: request_, requestId: 'req-1' });
      return { outcome, lines: capture.lines, children: child.mock.calls.length, timers: timers.mock.calls.length };
    } finally {
      timers.mockRestore();
    }
  }
  const answer = () => skillResponse({ outputs: [simpleText('답')], data: { outcome: 'answer' } });

  it('writes one log line, with no child logger, carrying the request id, the FAQ set and its version first', async () => {
    const { lines, children } = await callWith(defineSkill({ name: 'faq', handle: answer }));
    expect(children).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ reqId: 'req-1', faqSet: 'default', msg: 'skill call', status: 'ok', outcome: 'answer' });
    // the line as the two child loggers per call used to write it: the same fields in the same order
    const { level: _l, time: _t, pid: _p, hostname: _h, reqId, faqSet, faqVersion, msg, ...fields } = lines[0]!;
    const before = captureLogger();
    before.log.child({ reqId }).child({ faqSet, faqVersion }).info(fields, msg as string);
    expect(Object.keys(lines[0]!)).toEqual(Object.keys(before.lines[0]!));
    expect({ ...lines[0], time: 0 }).toEqual({ ...before.lines[0], time: 0 });
  });

  it('gives a skill that logs a logger carrying the request id and the FAQ set, as before', async () => {
    const logging = defineSkill({ name: 'faq', handle: (_r, { log }) => (log.info({ x: 1 }, 'from the skill'), answer()) });
    const { lines } = await callWith(logging);
    expect(lines.find((l) => l.msg === 'from the skill')).toMatchObject({ reqId: 'req-1', faqSet: 'default', x: 1 });
  });

  it('starts no deadline timer for a synchronous skill; an asynchronous one still gets its deadline and signal', async () => {
    const sync = await callWith(defineSkill({ name: 'faq', handle: answer }));
    expect(sync.timers).toBe(0);
    expect(sync.outcome.status).toBe('ok');

    const async_ = await callWith(defineSkill({ name: 'faq', handle: async () => answer() }));
    expect(async_.timers).toBe(1);
    expect(async_.outcome.status).toBe('ok');

    let aborted: unknown;
    const hanging = defineSkill({
      name: 'faq',
      handle: (_r, { signal }) => new Promise<SkillResponse>(() => signal.addEventListener('abort', () => (aborted = signal.reason))),
    });
    const late = await callWith(hanging, 20);
    expect(late.outcome.status).toBe('deadline');
    expect(late.outcome.reply.data).toMatchObject({ outcome: 'timeout' });
    expect(aborted).toBeInstanceOf(DeadlineError);
  });
});

describe('the user-key hash', () => {
  const hmac = (key: string, salt: string) => createHmac('sha256', salt).update(key, 'utf8').digest('hex').slice(0, 32);

  it('is the HMAC of the key, asked once or many times, under every salt, past the cache bound', () => {
    for (const salt of ['salt-a-0123456789', 'salt-b-0123456789']) {
      for (let i = 0; i < 5000; i++) expect(hashUserKey(`user-${i}`, salt)).toBe(hmac(`user-${i}`, salt));
      expect(hashUserKey('user-0', salt)).toBe(hmac('user-0', salt));
      expect(hashUserKey('user-4999', salt)).toBe(hmac('user-4999', salt));
    }
    const long = 'k'.repeat(10_000);
    expect(hashUserKey(long, 'salt-a-0123456789')).toBe(hmac(long, 'salt-a-0123456789'));
    expect(hashUserKey('', 'salt-a-0123456789')).toBeUndefined();
  });
});
