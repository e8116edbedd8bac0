import request from 'supertest';
import { createFaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { renderAnswerPage } from '../../src/pages/answer-page';
import { escapeHtml, linkify } from '../../src/pages/html';
import { bundledFaq, inProcessApp } from '../harness';

const HOSTILE_ID = 'faq-hostile';

function hostileStore() {
  const faq = FaqFileSchema.parse({
    schemaVersion: 1,
    entries: [
      {
        id: HOSTILE_ID,
        categories: ['<script>alert("cat")</script>', '분류'],
        question: '<img src=x onerror=alert(1)> 질문인가요?',
        answer:
          '첫 줄 "따옴표" & <b>굵게</b>\n- 목록 <script>alert(2)</script>\n' +
          '링크 https://example.com/a?b=1&c=<x> 와 javascript:alert(3) 그리고 https://x.test/"onmouseover="alert(4)',
        landingUrl: 'https://example.com/landing?x="><script>alert(5)</script>',
      },
      { id: 'faq-other', categories: ['<script>alert("cat")</script>', '분류'], question: '다른 질문 </a><script>', answer: '답' },
    ],
  });
  return createFaqStore(faq);
}

describe('GET /faq/:id', () => {
  it('shows the category path, the question and the whole answer as a mobile-first Korean page', async () => {
    const faq = await bundledFaq();
    const entry = faq.entries[0]!;
    const res = await request(await inProcessApp()).get(`/faq/${entry.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain(`<h1>${escapeHtml(entry.question)}</h1>`);
    for (const category of entry.categories) expect(res.text).toContain(`<li>${escapeHtml(category)}</li>`);
    expect(res.text).toContain(escapeHtml(entry.answer));
    expect(res.text).toContain(`<meta property="og:title" content="${escapeHtml(entry.question)}">`);
    expect(res.text).toContain(`<meta property="og:url" content="https://faq.example.com/faq/${entry.id}">`);
  });

  it('answers an unknown id, and an id that is not an id, with a helpful 404 page', async () => {
    const app = await inProcessApp();
    for (const path of ['/faq/faq-000000000000', '/faq/..%2F..%2Fpackage.json', '/faq/%3Cscript%3E']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('질문을 찾을 수 없어요');
      expect(res.text).not.toContain('<script>');
    }
  });

  it('escapes hostile FAQ text everywhere and links only http(s) URLs', async () => {
    const store = hostileStore();
    const res = await request(await inProcessApp({ faq: store })).get(`/faq/${HOSTILE_ID}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).not.toMatch(/<img src=x/i);
    expect(res.text).not.toMatch(/<b>/);
    expect(res.text).not.toMatch(/href="javascript:/i);
    expect(res.text).not.toMatch(/" ?onmouseover=/i);
    expect(res.text).toContain('&#60;script&#62;alert(2)&#60;/script&#62;');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('the meta description', () => {
  it('shortens a long answer between whole characters, never inside an emoji', () => {
    const [entry] = FaqFileSchema.parse({
      schemaVersion: 1,
      entries: [{ id: 'faq-emoji', categories: ['분류'], question: '이모지 답변인가요?', answer: `${'가'.repeat(119)}😀 뒤에 더 있어요. ${'나'.repeat(200)}` }],
    }).entries;
    const html = renderAnswerPage({ entry: entry!, related: [], pageUrl: 'https://faq.example.com/faq/faq-emoji', pageUrlFor: (id) => id });
    const description = /<meta name="description" content="([^"]*)">/.exec(html)![1]!;
    expect(description).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(description.endsWith('…')).toBe(true);
    expect([...description].length).toBeLessThanOrEqual(120);
    expect(entry!.answer.startsWith(description.slice(0, -1))).toBe(true);
    expect(html).toContain(`<meta property="og:description" content="${description}">`);
  });
});

describe('linkify', () => {
  it('turns http(s) URLs into links and leaves other schemes as text', () => {
    expect(linkify('보기: https://cs.kakao.com/helps?a=1&b=2.')).toBe(
      '보기: <a href="https://cs.kakao.com/helps?a=1&#38;b=2" rel="noopener noreferrer nofollow" target="_blank">https://cs.kakao.com/helps?a=1&#38;b=2</a>.',
    );
    expect(linkify('javascript:alert(1) kakaoplus://plusfriend/chat/')).toBe('javascript:alert(1) kakaoplus://plusfriend/chat/');
  });
});

describe('an answer that is only part of the help-center text', () => {
  const PARTIAL_ID = 'faq-9a46deecb1c3';

  it('says so under the answer and links to the help center search for the question', async () => {
    const entry = (await bundledFaq()).get(PARTIAL_ID)!;
    expect(entry.answerComplete).toBe(false);
    const res = await request(await inProcessApp()).get(`/faq/${PARTIAL_ID}`);
    expect(res.status).toBe(200);
    const search = `https://cs.kakao.com/search?query=${encodeURIComponent(entry.question)}`;
    expect(res.text).toContain(
      `<p class="partial">도움말 일부만 보여 드려요.\n    <a href="${escapeHtml(search)}" rel="noopener noreferrer" target="_blank">고객센터 도움말에서 전체 보기</a></p>`,
    );
  });

  it('shows no such notice under a complete answer', async () => {
    const faq = await bundledFaq();
    const complete = faq.entries.find((e) => e.answerComplete === undefined)!;
    const res = await request(await inProcessApp()).get(`/faq/${complete.id}`);
    expect(res.text).not.toContain('class="partial"');
  });
});
