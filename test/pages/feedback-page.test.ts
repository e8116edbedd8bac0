import request from 'supertest';
import { createFaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { feedbackFormGuard } from '../../src/http/feedback-form-guard';
import { bundledFaq, inProcessApp, testFeedback } from '../harness';

const ENTRY = {
  id: 'faq-paragraphs',
  categories: ['서비스', '결제'],
  question: '환불은 어떻게 받나요?',
  answer:
    '첫 문단이에요.\n\n둘째 문단: https://help.example.com/refund 에서 확인하세요.\n- 첫째 항목\n- 둘째 항목\n' +
    '3. 셋째 단계\n4) 넷째 단계\n마지막 문단이에요.',
  landingUrl: 'https://help.example.com/landing',
};

function store() {
  return createFaqStore(
    FaqFileSchema.parse({
      schemaVersion: 1,
      entries: [ENTRY, { id: 'faq-other', categories: ['서비스', '결제'], question: '<b>다른</b> 질문', answer: '답' }],
    }),
  );
}

async function appWith() {
  const faq = store();
  const feedback = testFeedback();
  const app = await inProcessApp({ faq: faq, feedback: feedback.recorder });
  return { app, faq, events: feedback.store.events };
}

/** Where the page's own feedback form posts (its action, with the page's token), as a browser would read it. */
async function formAction(app: Parameters<typeof request>[0], id = ENTRY.id): Promise<string> {
  const page = await request(app).get(`/faq/${id}`);
  const action = /<form method="post" action="([^"]+)">/.exec(page.text)?.[1];
  if (!action) throw new Error('the page has no feedback form');
  return action.replace(/&#38;/g, '&');
}

describe('the full-answer page', () => {
  it('keeps paragraphs and lists, links URLs safely, and has the landing link, related questions and a feedback form', async () => {
    const { app } = await appWith();
    const res = await request(app).get(`/faq/${ENTRY.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<p>첫 문단이에요.</p><p>둘째 문단: <a href="https://help.example.com/refund"');
    expect(res.text).toContain('<ul><li>첫째 항목</li><li>둘째 항목</li></ul><ol start="3"><li>셋째 단계</li><li>넷째 단계</li></ol><p>마지막 문단이에요.</p>');
    expect(res.text).toContain('<a href="https://help.example.com/landing" rel="noopener noreferrer" target="_blank">관련 페이지 바로가기</a>');
    expect(res.text).toContain('<a href="https://faq.example.com/faq/faq-other">&#60;b&#62;다른&#60;/b&#62; 질문</a>');
    // the form posts back here with the page's token (src/http/feedback-form-guard.ts)
    expect(res.text).toMatch(/<form method="post" action="\/faq\/faq-paragraphs\/feedback\?t=[0-9a-z]+\.[\w-]{22}">/);
    expect(res.text).toContain('<button type="submit" name="v" value="up">');
    expect(res.text).toContain('<button type="submit" name="v" value="down">');
    expect(res.text).toContain('<title>환불은 어떻게 받나요? | 자주 묻는 질문</title>');
    expect(res.text).toContain('<meta property="og:description" content="첫 문단이에요. 둘째 문단:');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
  });

  it('lists a few questions on the 404 page so a dead link leads somewhere', async () => {
    const faq = await bundledFaq();
    const res = await request(await inProcessApp()).get('/faq/faq-000000000000');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('이런 질문은 어떠세요?');
    const links = [...res.text.matchAll(/<a href="https:\/\/faq\.example\.com\/faq\/([^"]+)">/g)].map((m) => m[1]);
    expect(links.length).toBe(5);
    for (const id of links) expect(faq.get(id!)).toBeDefined();
  });
});

describe('rating on the page', () => {
  it('records a POSTed rating as source "page" with no user, then shows the thank-you page', async () => {
    const { app, faq, events } = await appWith();
    const res = await request(app).post(await formAction(app)).type('form').send({ v: 'down' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/faq/faq-paragraphs/feedback?v=down');
    expect(events).toEqual([
      { at: '2026-11-23T03:00:00.000Z', rating: 'down', source: 'page', faqId: ENTRY.id, faqVersion: faq.version, question: ENTRY.question, userKeyHash: null },
    ]);

    const thanks = await request(app).get(res.headers.location!);
    expect(thanks.status).toBe(200);
    expect(thanks.headers['cache-control']).toBe('no-store');
    expect(thanks.text).toContain('<h1>의견 고마워요</h1>');
    expect(thanks.text).toContain('상담원 연결');
    expect(thanks.text).toContain('<a href="/faq/faq-paragraphs">답변으로 돌아가기</a>');
    expect(thanks.text).toContain('<meta name="robots" content="noindex">');
    expect(events).toHaveLength(1);
  });

  it('never records on GET, whatever the query says (link prefetchers and previews fetch URLs)', async () => {
    const { app, events } = await appWith();
    for (const v of ['up', 'down']) expect((await request(app).get(`/faq/${ENTRY.id}/feedback?v=${v}`)).status).toBe(200);
    const bad = await request(app).get(`/faq/${ENTRY.id}/feedback?v=<script>`);
    expect(bad.status).toBe(303);
    expect(bad.headers.location).toBe('/faq/faq-paragraphs');
    expect(events).toEqual([]);
  });

  it('rejects a missing or unknown rating with a 400 page and an unknown entry with the 404 page', async () => {
    const { app, events } = await appWith();
    const action = await formAction(app);
    const missing = await request(app).post(action).type('form').send({});
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('평가를 저장하지 못했어요');
    expect((await request(app).post(action).type('form').send({ v: 'sideways' })).status).toBe(400);
    expect((await request(app).post(action).send({ v: 'up' })).status).toBe(400);
    const unknown = await request(app).post('/faq/faq-nope/feedback').type('form').send({ v: 'up' });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('질문을 찾을 수 없어요');
    expect(events).toEqual([]);
  });

  it('still thanks the reader when the rating cannot be stored', async () => {
    const faq = store();
    const app = await inProcessApp({ faq: faq, feedback: { record: () => Promise.reject(new Error('disk full')) } });
    const res = await request(app).post(await formAction(app)).type('form').send({ v: 'up' });
    expect(res.status).toBe(303);
  });
});

describe('votes from other sites', () => {
  const OURS = 'https://faq.example.com';
  const SALT = 'page-test-salt-0123456789';

  it('refuses a cross-site POST with 403, as a page for browsers and as JSON for API clients, and records nothing', async () => {
    const { app, events } = await appWith();
    const action = await formAction(app);
    const evil = await request(app).post(action).set('Origin', 'https://evil.example').type('form').send({ v: 'up' });
    expect(evil.status).toBe(403);
    expect(evil.headers['content-type']).toMatch(/^text\/html/);
    expect(evil.text).toContain('다른 사이트에서 보낸 평가는 받지 않아요');
    expect(evil.text).toContain('<a href="/faq/faq-paragraphs">답변으로 돌아가기</a>');

    const json = await request(app).post(action).set('Origin', 'https://evil.example').set('Accept', 'application/json').type('form').send({ v: 'up' });
    expect(json.status).toBe(403);
    expect(json.body.error).toMatchObject({ status: 403, code: 'cross_site_form' });

    // the browser's own word, sent whatever the referrer policy: a form on another site, even one of our subdomains
    for (const site of ['cross-site', 'same-site']) {
      const res = await request(app).post(action).set('Sec-Fetch-Site', site).type('form').send({ v: 'up' });
      expect(res.status).toBe(403);
    }
    // an Origin that only looks like ours
    for (const origin of ['https://faq.example.com.evil.example', 'http://faq.example.com:8443', 'https://evil.example/https://faq.example.com']) {
      expect((await request(app).post(action).set('Origin', origin).type('form').send({ v: 'up' })).status).toBe(403);
    }
    expect(events).toEqual([]);
  });

  it('refuses a POST without the token of a page of that entry served within a day', async () => {
    const faq = store();
    const feedback = testFeedback();
    const app = await inProcessApp({ faq: faq, feedback: feedback.recorder, env: { USER_KEY_SALT: SALT } });
    const action = await formAction(app);
    const bare = `/faq/${ENTRY.id}/feedback`;
    const other = (await formAction(app, 'faq-other')).replace('faq-other', ENTRY.id);
    const hoursAgo = (hours: number) => {
      const served = feedbackFormGuard({ secret: SALT, publicBaseUrl: OURS, now: () => Date.now() - hours * 3600_000 });
      return `${bare}?t=${served.token('default', ENTRY.id)}`;
    };
    const signedElsewhere = `${bare}?t=${feedbackFormGuard({ secret: `${SALT}-other`, publicBaseUrl: OURS }).token('default', ENTRY.id)}`;
    for (const target of [bare, `${bare}?t=`, `${bare}?t=0.AAAA`, `${action}x`, other, hoursAgo(48), signedElsewhere]) {
      const res = await request(app).post(target).set('Origin', OURS).type('form').send({ v: 'up' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('새로고침');
    }
    const json = await request(app).post(bare).set('Accept', 'application/json').type('form').send({ v: 'up' });
    expect(json.body.error).toMatchObject({ status: 403, code: 'stale_form' });
    expect(feedback.store.events).toEqual([]);

    // a page served this morning (a tab left open) still takes the vote
    expect(action).toContain('?t=');
    expect((await request(app).post(hoursAgo(5)).set('Origin', OURS).type('form').send({ v: 'up' })).status).toBe(303);
    expect(feedback.store.events).toHaveLength(1);
  });

  it('accepts the page\'s own form: same origin, the Host it was served from, or no Origin at all, with its token', async () => {
    const { app, events } = await appWith();
    const action = await formAction(app);
    const sameOrigin = await request(app).post(action).set('Origin', OURS).set('Sec-Fetch-Site', 'same-origin').type('form').send({ v: 'up' });
    expect(sameOrigin.status).toBe(303);
    // reached by its own host name (PUBLIC_BASE_URL names another): the browser's Origin matches the Host header
    const byHost = await request(app).post(action).set('Host', 'faq.internal:8080').set('Origin', 'http://faq.internal:8080').type('form').send({ v: 'up' });
    expect(byHost.status).toBe(303);
    // "null" (a privacy-minded referrer policy) or no Origin (an older browser): the token decides
    expect((await request(app).post(action).set('Origin', 'null').type('form').send({ v: 'down' })).status).toBe(303);
    expect((await request(app).post(action).type('form').send({ v: 'down' })).status).toBe(303);
    expect(events.map((e) => e.rating)).toEqual(['up', 'up', 'down', 'down']);
  });
});
