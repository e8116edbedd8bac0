import request from 'supertest';
import { clipReporter } from '../../src/clip-log';
import { compose, type SkillCall, type SkillOutcome, type Step } from '../../src/http/skill-pipeline/step';
import { pageUrls } from '../../src/http/page-urls';
import { LOGGED_UTTERANCE_CHARS } from '../../src/http/skill-call-log';
import { charLength, simpleText, skillResponse, type ClipEvent } from '../../src/kakao';
import { createMetrics } from '../../src/metrics';
import { createSkillRegistry, defineSkill } from '../../src/skill';
import { captureLogger, inProcessApp, kakaoPayload } from '../harness';

const outcome = (body: string): SkillOutcome => ({ status: 'ok', reply: { body, data: { outcome: 'answer' } } });

describe('compose', () => {
  const call = {} as SkillCall;
  const tracing = (name: string, seen: string[]): Step => async (_call, next) => {
    seen.push(`${name} in`);
    const result = await next();
    seen.push(`${name} out`);
    return result;
  };

  it('runs the steps in list order around the end, the first one outermost', async () => {
    const seen: string[] = [];
    const run = compose([tracing('a', seen), tracing('b', seen)], async () => (seen.push('end'), outcome('built')));
    expect((await run(call)).reply.body).toBe('built');
    expect(seen).toEqual(['a in', 'b in', 'end', 'b out', 'a out']);
  });

  it('stops at a step that answers without calling next', async () => {
    const seen: string[] = [];
    const answer: Step = async () => outcome('answered early');
    const run = compose([tracing('a', seen), answer, tracing('never', seen)], async () => (seen.push('end'), outcome('built')));
    expect((await run(call)).reply.body).toBe('answered early');
    expect(seen).toEqual(['a in', 'a out']);
  });
});

describe('clip reporting through the skill context', () => {
  // a description longer than simpleText allows, built with the context's reporter as skills do
  const clippingSkills = createSkillRegistry([
    defineSkill({
      name: 'faq',
      handle: (_req, { onClip }) => skillResponse({ outputs: [simpleText('가'.repeat(1200), { onClip })], data: { outcome: 'answer' } }),
    }),
  ]);

  it("hands every skill call the app's onClip, so the server's reporter logs and counts the clip", async () => {
    const captured = captureLogger();
    const metrics = createMetrics();
    const app = await inProcessApp({ skills: clippingSkills, log: captured.log, onClip: clipReporter(captured.log, metrics) });
    const res = await request(app).post('/skill/faq').send(kakaoPayload('길게 답해 주세요'));
    expect(res.status).toBe(200);
    expect(charLength(res.body.template.outputs[0].simpleText.text)).toBe(1000);
    expect(captured.lines.filter((l) => l.clip).map((l) => l.clip)).toEqual([{ field: 'simpleText.text', limit: 1000, actual: 1200 }]);
    expect(await metrics.registry.metrics()).toContain('kakao_faq_clipped_total{field="simpleText.text"} 1');
  });

  it('keeps each app to its own reporter: two apps in one process never see each other\'s clips', async () => {
    const first: ClipEvent[] = [];
    const second: ClipEvent[] = [];
    const a = await inProcessApp({ skills: clippingSkills, onClip: (e) => first.push(e) });
    const b = await inProcessApp({ skills: clippingSkills, onClip: (e) => second.push(e) });
    await request(a).post('/skill/faq').send(kakaoPayload('하나'));
    await request(a).post('/skill/faq').send(kakaoPayload('둘'));
    await request(b).post('/skill/faq').send(kakaoPayload('셋'));
    expect([first.length, second.length]).toEqual([2, 1]);
  });
});

describe('the logged utterance', () => {
  it('is clipped between whole characters, never through an emoji', async () => {
    const captured = captureLogger();
    const app = await inProcessApp({ log: captured.log });
    // a thumbs-up with a skin tone (two code points, one character) straddles the old hard cut at 300 code points
    const utterance = `${'가'.repeat(LOGGED_UTTERANCE_CHARS - 1)}👍🏽${'나'.repeat(50)}`;
    await request(app).post('/skill/faq').send(kakaoPayload(utterance));
    const logged = captured.lines.find((l) => l.msg === 'skill call')!.utterance as string;
    expect(charLength(logged)).toBeLessThanOrEqual(LOGGED_UTTERANCE_CHARS);
    expect(logged).toBe(`${'가'.repeat(LOGGED_UTTERANCE_CHARS - 1)}…`);
  });
});

describe('answer page URLs', () => {
  const urls = pageUrls('https://faq.example.com/help', 'main');

  it('name a set other than the default with ?set=, in the page, its form and the redirects after a vote', () => {
    expect(urls.page('faq-1')).toBe('https://faq.example.com/help/faq/faq-1');
    expect(urls.page('faq-1', 'main')).toBe('https://faq.example.com/help/faq/faq-1');
    expect(urls.page('faq-1', 'shop & co')).toBe('https://faq.example.com/help/faq/faq-1?set=shop%20%26%20co');
    expect(urls.pageHref('faq-1', 'main')).toBe('/help/faq/faq-1');
    expect(urls.pageHref('faq-1', 'shop')).toBe('/help/faq/faq-1?set=shop');
    expect(urls.feedbackAction('faq-1', 'main', 'tok')).toBe('/help/faq/faq-1/feedback?t=tok');
    expect(urls.feedbackAction('faq-1', 'shop', 'tok')).toBe('/help/faq/faq-1/feedback?set=shop&t=tok');
    expect(urls.thanksHref('/help/faq/faq-1', 'up')).toBe('/help/faq/faq-1/feedback?v=up');
    expect(urls.thanksHref('/help/faq/faq-1?set=shop', 'down')).toBe('/help/faq/faq-1/feedback?v=down&set=shop');
  });

  it('read the set of a page request from ?set=, else the default set', () => {
    expect(urls.setOf({ set: 'shop' })).toBe('shop');
    expect(urls.setOf({})).toBe('main');
    expect(urls.setOf({ set: ['a', 'b'] })).toBe('main');
    expect(urls.setOf(undefined)).toBe('main');
  });
});
