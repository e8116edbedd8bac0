import fc from 'fast-check';
import request from 'supertest';
import { hostileString } from '../../src/cli/fuzz/hostile-text';
import { createFaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema, type FaqEntry } from '../../src/faq/faq-schema';
import { renderAnswerPage } from '../../src/pages/answer-page';
import { escapeHtml } from '../../src/pages/html';
import { inProcessApp } from '../harness';

/**
 * The answer page under hostile FAQ text and hostile ids (fast-check): every `<` in the output opens one
 * of the page's own tags, every attribute is a known one with a quoted value, no event handler attribute
 * exists, and every href/src is an http(s) URL. Entries are also built WITHOUT the schema, as if a
 * validation bug let `javascript:` URLs and unsafe ids through: the page must still be safe.
 */

const TAGS = 'html|head|meta|title|style|body|main|nav|ol|li|article|h1|h2|img|div|p|ul|a|section|form|button';
const ATTRIBUTES = new Set([
  'lang', 'charset', 'name', 'content', 'property', 'class', 'aria-label', 'src', 'alt', 'loading', 'href', 'rel', 'target',
  'start', 'method', 'action', 'type', 'value',
]);
const TAG = new RegExp(`<(?:!doctype html|/?(?:${TAGS})((?:\\s+[a-z-]+="[^"<>]*")*))\\s*>`, 'y');

/** Throws describing the first thing in `html` that data could have injected. */
function assertSafeHtml(html: string): void {
  const body = html.replace(/<style>[^<]*<\/style>/, '<style></style>');
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    TAG.lastIndex = at;
    const tag = TAG.exec(body);
    if (!tag) throw new Error(`unexpected "<" at ${at}: ${JSON.stringify(body.slice(at, at + 80))}`);
    for (const [, name, value] of (tag[1] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)) {
      if (!ATTRIBUTES.has(name!)) throw new Error(`unexpected attribute ${name} in ${tag[0]}`);
      if ((name === 'href' || name === 'src') && !/^https?:\/\//.test(value!)) throw new Error(`unsafe ${name}: ${value}`);
      // the feedback form posts to this server's own path, never to another origin or scheme
      if (name === 'action' && !/^\/faq\/[^/:]*\/feedback(\?[^:]*)?$/.test(value!)) throw new Error(`unsafe action: ${value}`);
    }
  }
  if (/javascript:/i.test([...body.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]).join(' '))) throw new Error('javascript: in a link');
}

const URL_TRICKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://x.test/"onerror="alert(1)',
  "https://x.test/'><script>alert(1)</script>",
  'https://x.test/?a=<b>&c="d"',
  '//evil.test/x',
  'vbscript:msgbox(1)',
];

const anyUrl = fc.oneof(fc.constantFrom(...URL_TRICKS), hostileString.map((s) => `https://x.test/${s}`), hostileString);
const text = fc.oneof(hostileString, fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</title><script>', '<!--', ']]>', '&lt;b&gt;'));

const entry = (id: string): fc.Arbitrary<FaqEntry> =>
  fc.record({
    id: fc.constant(id),
    categories: fc.array(text, { minLength: 1, maxLength: 4 }),
    question: text,
    alternateQuestions: fc.constant([]),
    keywords: fc.constant([]),
    answer: fc.array(fc.oneof(text, anyUrl, fc.constant('- 목록'), fc.constant('1. 항목')), { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n')),
    landingUrl: fc.option(anyUrl, { nil: undefined }),
    imageUrl: fc.option(anyUrl, { nil: undefined }),
  });

// Lone surrogates are left out of ids only because encodeURIComponent (in the page URL) cannot encode them.
const hostileId = fc
  .oneof(fc.constantFrom('javascript:alert(1)', '"><script>', '../../etc/passwd', "x' onmouseover='y"), hostileString)
  .map((id) => id.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?'));

describe('the answer page with hostile data', () => {
  it('renders only its own tags and http(s) links, whatever the entry says (schema bypassed)', () => {
    fc.assert(
      fc.property(hostileId.chain((id) => fc.tuple(entry(id), fc.array(hostileId.chain(entry), { maxLength: 4 }))), ([main, related]) => {
        const html = renderAnswerPage({
          entry: main,
          related,
          pageUrl: `https://faq.example.com/faq/${encodeURIComponent(main.id)}`,
          pageUrlFor: (id) => `https://faq.example.com/faq/${encodeURIComponent(id)}`,
          feedbackAction: `/faq/${encodeURIComponent(main.id)}/feedback`,
        });
        assertSafeHtml(html);
        expect(html).toContain(`<h1>${escapeHtml(main.question)}</h1>`);
      }),
      { numRuns: 300, seed: 1337, endOnFailure: true },
    );
  });

  it('serves hostile entries that pass the schema safely over HTTP, with a CSP that forbids scripts', async () => {
    let served = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entry('faq-x'), { minLength: 2, maxLength: 3 }), async (entries) => {
        const parsed = FaqFileSchema.safeParse({ schemaVersion: 1, entries: entries.map((e, i) => ({ ...e, id: `faq-${i}` })) });
        fc.pre(parsed.success);
        const store = createFaqStore(parsed.data!);
        const res = await request(await inProcessApp({ faq: store })).get('/faq/faq-0');
        expect(res.status).toBe(200);
        assertSafeHtml(res.text);
        expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
        expect(res.headers['content-security-policy']).not.toMatch(/script-src/);
        served += 1;
      }),
      { numRuns: 60, seed: 99, endOnFailure: true },
    );
    // Most generated entries are valid (fc.pre skips the rest): the property is not vacuous.
    expect(served).toBeGreaterThanOrEqual(30);
  });

  it('the checker itself catches injected markup', () => {
    expect(() => assertSafeHtml('<p><script>alert(1)</script></p>')).toThrow(/unexpected "<"/);
    expect(() => assertSafeHtml('<img src="x" onerror="alert(1)">')).toThrow(/unexpected attribute onerror|unsafe src/);
    expect(() => assertSafeHtml('<a href="javascript:alert(1)">x</a>')).toThrow(/unsafe href/);
    expect(() => assertSafeHtml('<p>a < b</p>')).toThrow(/unexpected "<"/);
    expect(() => assertSafeHtml('<form method="post" action="https://evil.test/steal"></form>')).toThrow(/unsafe action/);
    expect(() => assertSafeHtml('<a href="https://x.test/" rel="noopener">ok</a>')).not.toThrow();
  });
});
