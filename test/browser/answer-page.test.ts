import { createServer } from 'node:http';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema, type FaqEntryInput } from '../../src/faq/faq-schema';
import { bundledFaq, inProcessApp, testFeedback } from '../harness';
import { launchChromium, SCREENSHOTS, serve, type Browser } from './chromium';

const LONG: FaqEntryInput = {
  id: 'faq-long-answer',
  categories: ['카카오톡 채널 관리자', '관리하기', '캐시/월렛'],
  question: '충전한 캐시를 환불받으려면 어떻게 해야 하나요? 부분 환불도 되나요?',
  answer: [
    '유상캐시는 충전 후 7일 이내이고 사용하지 않았다면 전액 환불받을 수 있어요. 일부를 사용했다면 남은 금액만큼 부분 환불을 신청할 수 있어요.',
    '환불 신청 방법은 다음과 같아요.',
    '1. 카카오톡 채널 관리자센터에 로그인해요.',
    '2. [캐시/월렛] 메뉴에서 환불할 충전 내역을 골라요.',
    '3. 환불 계좌를 확인하고 [환불 신청]을 눌러요.',
    '무상캐시는 환불되지 않아요. 자세한 규정은 https://business.kakao.com/info/cash-refund-policy-very-long-path-segment-without-any-spaces-that-could-overflow-a-phone-screen?utm_source=faq&utm_medium=chatbot 에서 확인하세요.',
    '환불은 영업일 기준 3~5일 안에 처리돼요.',
  ].join('\n'),
  landingUrl: 'https://business.kakao.com/info/cash/',
};

const HOSTILE: FaqEntryInput = {
  id: 'faq-hostile',
  categories: ['<script>window.__pwned=1;alert("cat")</script>', '분류'],
  question: '<img src=x onerror="window.__pwned=1;alert(1)"> 질문인가요?',
  answer: [
    '첫 줄 "따옴표" & <b>굵게</b>',
    '- 목록 <script>window.__pwned=1;alert(2)</script>',
    '<a href="javascript:window.__pwned=1;alert(3)">클릭</a> <svg onload="window.__pwned=1;alert(4)"></svg>',
    '링크 javascript:window.__pwned=1 그리고 https://x.test/"onmouseover="window.__pwned=1;alert(5)" data:text/html,<script>alert(6)</script>',
    '<iframe src="javascript:alert(7)"></iframe><style>body{display:none}</style>',
  ].join('\n'),
  landingUrl: 'https://example.com/landing?x="><script>window.__pwned=1;alert(8)</script>',
  imageUrl: 'https://example.com/x.png"onerror="window.__pwned=1;alert(9)',
};

/** Korean particles right after URLs, as Korean is written. */
const KOREAN_AFTER_URL: FaqEntryInput = {
  id: 'faq-korean-after-url',
  categories: ['카카오톡 채널 관리자', '관리하기', '캐시/월렛'],
  question: '환불 규정은 어디에서 보나요?',
  answer: '환불 규정은 https://business.kakao.com/info/refund에서 확인하세요.\n영수증은 토스페이먼츠 https://www.tosspayments.com카드 거래 조회에서 볼 수 있어요.',
};

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
];

let browser: Browser;
let server: { origin: string; close(): Promise<void> };
let faq: FaqStore;
const feedback = testFeedback();

beforeAll(async () => {
  const bundled = await bundledFaq();
  faq = createFaqStore(FaqFileSchema.parse({ schemaVersion: 1, entries: [...bundled.entries, LONG, HOSTILE, KOREAN_AFTER_URL] }));
  server = await serve((origin) => inProcessApp({ faq: faq, feedback: feedback.recorder, env: { PUBLIC_BASE_URL: origin } }));
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url: string, viewport: { width: number; height: number }): Promise<{ page: Page; status: number | undefined }> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, status: response?.status() };
}

async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.scrollingElement.scrollWidth > window.innerWidth');
}

/** Every link a reader can follow, as the browser resolved it. */
async function hrefs(page: Page): Promise<string[]> {
  return page.locator('a').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href));
}

describe.each(VIEWPORTS)('the full-answer page on a $width×$height phone', (viewport) => {
  it('shows the whole answer readably, with its links, related questions and feedback, and nothing overflows', async () => {
    const { page, status } = await open(`${server.origin}/faq/${LONG.id}`, viewport);
    expect(status).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    expect(await page.title()).toBe(`${LONG.question} | 자주 묻는 질문`);
    expect(await page.getAttribute('meta[property="og:title"]', 'content')).toBe(LONG.question);
    expect(await page.getAttribute('meta[property="og:url"]', 'content')).toBe(`${server.origin}/faq/${LONG.id}`);

    expect(await page.locator('nav.crumbs li').allInnerTexts()).toEqual(LONG.categories);
    expect(await page.locator('h1').innerText()).toBe(LONG.question);
    // every line of the answer is on the page: paragraphs stay paragraphs, numbered steps a list
    expect(await page.locator('.answer p').count()).toBe(4);
    expect(await page.locator('.answer ol > li').allInnerTexts()).toEqual([
      '카카오톡 채널 관리자센터에 로그인해요.',
      '[캐시/월렛] 메뉴에서 환불할 충전 내역을 골라요.',
      '환불 계좌를 확인하고 [환불 신청]을 눌러요.',
    ]);
    expect(await page.locator('.answer').innerText()).toContain('환불은 영업일 기준 3~5일 안에 처리돼요.');

    const links = await hrefs(page);
    expect(links).toContain('https://business.kakao.com/info/cash-refund-policy-very-long-path-segment-without-any-spaces-that-could-overflow-a-phone-screen?utm_source=faq&utm_medium=chatbot');
    expect(links).toContain('https://business.kakao.com/info/cash/');
    for (const link of links) expect(link).toMatch(/^https?:\/\//);
    const related = faq.related(LONG.id, 5);
    expect(await page.locator('.related a').allInnerTexts()).toEqual(related.map((e) => e.question));
    await expect(page.locator('.feedback button').allInnerTexts()).resolves.toEqual(['도움이 됐어요', '아쉬워요']);

    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, `answer-page-${viewport.width}x${viewport.height}.png`), fullPage: true });

    // a related question opens its own page
    await page.locator('.related a').first().click();
    await page.waitForURL(`${server.origin}/faq/${related[0]!.id}`);
    expect(await page.locator('h1').innerText()).toBe(related[0]!.question);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.close();
  });

  it('shows a helpful 404 page that fits the screen', async () => {
    const { page, status } = await open(`${server.origin}/faq/faq-000000000000`, viewport);
    expect(status).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('질문을 찾을 수 없어요');
    const suggestions = await page.locator('.related a').count();
    expect(suggestions).toBeGreaterThan(0);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.close();
  });
});

describe('hostile FAQ text in a real browser', () => {
  async function expectInert(page: Page, dialogs: string[]) {
    expect(dialogs).toEqual([]);
    expect(await page.evaluate<string>('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('script, iframe, svg, img[onerror], [onmouseover], [onload]').count()).toBe(0);
    expect(await page.locator('.answer b, .answer a:not([href^="http"])').count()).toBe(0);
    for (const link of await hrefs(page)) expect(link).toMatch(/^https?:\/\//);
    // the text is shown as text
    expect(await page.locator('style').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toBe(HOSTILE.question);
    expect(await page.locator('.answer').innerText()).toContain('<script>window.__pwned=1;alert(2)</script>');
  }

  it('runs none of it when served (escaping and the CSP together)', async () => {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setViewportSize(VIEWPORTS[0]!);
    expect((await page.goto(`${server.origin}/faq/${HOSTILE.id}`))?.status()).toBe(200);
    await expectInert(page, dialogs);
    // hovering and clicking the text is what an onmouseover / javascript: link would need
    await page.locator('.answer').hover();
    await page.locator('.answer').click({ position: { x: 5, y: 5 } });
    await expectInert(page, dialogs);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'answer-page-hostile.png'), fullPage: true });
    await page.close();
  });

  it('runs none of it even without the CSP header (escaping alone)', async () => {
    const html = await (await fetch(`${server.origin}/faq/${HOSTILE.id}`)).text();
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    await expectInert(page, dialogs);
    await page.locator('.answer').hover();
    await expectInert(page, dialogs);
    await page.close();
  });
});

describe('links followed by Korean text in a real browser', () => {
  it('end where the URL ends: no particle in the path, no punycode host', async () => {
    const { page } = await open(`${server.origin}/faq/${KOREAN_AFTER_URL.id}`, VIEWPORTS[0]!);
    expect(await page.locator('.answer a').evaluateAll((links) => links.map((a) => (a as unknown as { href: string }).href))).toEqual([
      'https://business.kakao.com/info/refund',
      'https://www.tosspayments.com/',
    ]);
    expect(await page.locator('.answer p').first().innerText()).toBe('환불 규정은 https://business.kakao.com/info/refund에서 확인하세요.');
    await page.close();
  });
});

describe('rating on the page in a real browser', () => {
  it('records a tap on 도움이 됐어요 and shows the thank-you page', async () => {
    const before = feedback.store.events.length;
    const { page } = await open(`${server.origin}/faq/${LONG.id}`, VIEWPORTS[0]!);
    await page.getByRole('button', { name: '도움이 됐어요' }).click();
    await page.waitForURL(`${server.origin}/faq/${LONG.id}/feedback?v=up`);
    expect(await page.locator('h1').innerText()).toBe('의견 고마워요');
    expect(feedback.store.events.slice(before)).toEqual([
      expect.objectContaining({ rating: 'up', source: 'page', faqId: LONG.id, faqVersion: faq.version, userKeyHash: null }),
    ]);
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'feedback-thanks-360x740.png'), fullPage: true });
    // reloading the thank-you page does not vote again
    await page.reload();
    expect(feedback.store.events.length).toBe(before + 1);
    await page.getByRole('link', { name: '답변으로 돌아가기' }).click();
    await page.waitForURL(`${server.origin}/faq/${LONG.id}`);
    await page.close();
  });
});

describe('a copy of the feedback form on another site', () => {
  /** Serves `html` on another 127.0.0.1 port: another origin, as another site would be. */
  async function otherSite(html: string): Promise<{ origin: string; close(): Promise<void> }> {
    const site = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    return {
      origin: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
      close: () =>
        new Promise<void>((resolve) => {
          site.closeAllConnections();
          site.close(() => resolve());
        }),
    };
  }

  it('cannot make its visitors vote, even with a fresh token and no Origin sent', async () => {
    // the other site fetched our page for a valid token, and hides its referrer so Origin is "null"
    const ours = await (await fetch(`${server.origin}/faq/${LONG.id}`)).text();
    const action = /<form method="post" action="([^"]+)">/.exec(ours)![1]!.replace(/&#38;/g, '&');
    const site = await otherSite(`<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"></head>
      <body><form method="post" action="${server.origin}${action}"><button type="submit" name="v" value="up">경품 받기</button></form></body></html>`);
    const before = feedback.store.events.length;
    const page = await browser.context.newPage();
    try {
      await page.goto(site.origin);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(server.origin)), page.getByRole('button', { name: '경품 받기' }).click()]);
      expect(response.status()).toBe(403);
      await page.waitForLoadState('load');
      expect(await page.locator('h1').innerText()).toBe('다른 사이트에서 보낸 평가는 받지 않아요. 답변 페이지에서 직접 눌러 주세요.');
      expect(feedback.store.events.length).toBe(before);
    } finally {
      await page.close();
      await site.close();
    }
  });
});
