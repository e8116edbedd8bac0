import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { checkReply } from '../../src/cli/fuzz/oracle';
import { startFuzzTarget, type FuzzTarget } from '../../src/cli/fuzz/target';
import { createMetrics } from '../../src/metrics';
import { bundledFaq, inProcessApp, kakaoPayload, ROOT } from '../harness';

/**
 * Nothing private answers without credentials, and nothing but the listed routes answers at all: no
 * admin page, no file served from disk, no path traversal through ids or paths.
 *
 * A new route on this app fails "every route is listed" until it is added to PUBLIC_ROUTES or
 * PRIVATE_ROUTES below. `/metrics` exists on this app only with METRICS_TOKEN (bearer); without it, it is
 * in NEVER_SERVED. The separate metrics listener (127.0.0.1 by default) is tested in
 * test/http/metrics-route.test.ts. Reload has no route: it is SIGHUP or the file watcher.
 */

const SECRET = 'private-routes-secret-0123456789';
const METRICS_TOKEN = 'private-routes-metrics-token-0123';

interface PrivateRoute {
  method: 'GET' | 'POST';
  path: string;
  /** The route pattern as registered (for the inventory). */
  pattern: string;
  body?: unknown;
  /** Headers that open it, and a wrong value for each. */
  credentials: Record<string, string>;
  wrongCredentials: Record<string, string>;
  /** The app that serves it (defaults to the main app with SKILL_SECRET set). */
  app?: () => Promise<Express>;
}

const PRIVATE_ROUTES: readonly PrivateRoute[] = [
  {
    method: 'POST',
    path: '/skill/faq',
    pattern: '/skill/:name',
    body: kakaoPayload('환불 계좌'),
    credentials: { 'x-skill-secret': SECRET },
    wrongCredentials: { 'x-skill-secret': `${SECRET}-wrong` },
  },
  {
    method: 'GET',
    path: '/metrics',
    pattern: '/metrics',
    credentials: { authorization: `Bearer ${METRICS_TOKEN}` },
    wrongCredentials: { authorization: `Bearer ${METRICS_TOKEN}-wrong` },
  },
];

/** Routes anyone may call: the health check, the answer pages the cards link to, and their feedback form. */
const PUBLIC_ROUTES = ['GET /healthz', 'GET /faq/:id', 'GET /faq/:id/feedback', 'POST /faq/:id/feedback'];

/** Paths an attacker tries: none may answer 2xx or reveal a file. */
const NEVER_SERVED = [
  '/metrics',
  '/admin',
  '/reload',
  '/-/reload',
  '/debug',
  '/status',
  '/.env',
  '/.git/config',
  '/package.json',
  '/data/faq.json',
  '/data/synonyms.json',
  '/src/config.ts',
  '/dist/src/main.js',
  '/node_modules/express/package.json',
  '/faq/../data/faq.json',
  '/faq/..%2f..%2fdata%2ffaq.json',
  '/faq/%2e%2e%2f%2e%2e%2fpackage.json',
  '/faq/....//....//etc/passwd',
  '/faq/..\\..\\package.json',
  '/skill/../data/faq.json',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/faq/%ZZ',
  '/skill/%ZZ',
];

const secretApp = () => inProcessApp({ metrics: createMetrics(), env: { SKILL_SECRET: SECRET, METRICS_TOKEN } });

function routesOf(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : []));
}

describe('routes', () => {
  it('every route the app registers is listed as public or private', async () => {
    const listed = [...PUBLIC_ROUTES, ...PRIVATE_ROUTES.map((r) => `${r.method} ${r.pattern}`)];
    expect(routesOf(await secretApp()).sort()).toEqual([...new Set(listed)].sort());
  });

  it.each(PRIVATE_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s is closed without credentials', async (_name, route) => {
    const app = await (route.app ?? secretApp)();
    const send = (headers: Record<string, string>) => {
      const req = request(app)[route.method === 'GET' ? 'get' : 'post'](route.path).set(headers);
      return route.body === undefined ? req : req.send(route.body as object);
    };
    const faq = await bundledFaq();
    for (const headers of [{}, route.wrongCredentials]) {
      const res = await send(headers);
      expect([401, 403]).toContain(res.status);
      expect(res.text).not.toContain(faq.entries[0]!.answer.slice(0, 20));
      expect(res.text).not.toMatch(/kakao_faq_/);
      expect(res.text).not.toContain(SECRET);
      expect(res.text).not.toContain(METRICS_TOKEN);
    }
    expect((await send(route.credentials)).status).toBe(200);
  });
});

describe('paths that must never be served', () => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await startFuzzTarget({ env: { SKILL_SECRET: SECRET } });
  });
  afterAll(() => target.close());

  it.each(NEVER_SERVED.flatMap((path) => [['GET', path] as const, ['POST', path] as const]))('%s %s', async (method, path) => {
    const res = await target.send({ method, path, headers: { 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/"schemaVersion"|"dependencies"|root:x:0|SKILL_SECRET|\[core\]/);
    expect(res.text).not.toContain(ROOT);
  });

  it('answers any id that is not a FAQ id with the same 404 page, reflecting nothing (property)', async () => {
    const faq = await bundledFaq();
    // the 404 page (with its suggested questions) for an id that cannot exist: every other miss must equal it
    const notFound = (await target.send({ method: 'GET', path: '/faq/no-such-entry-0000' })).text;
    expect(notFound).toContain('질문을 찾을 수 없어요');
    const pathChar = fc.integer({ min: 0x21, max: 0x7e }).filter((c) => c !== 0x2f && c !== 0x3f && c !== 0x23).map((c) => String.fromCharCode(c));
    const segment = fc.oneof(
      fc.string({ unit: pathChar, minLength: 1, maxLength: 30 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
      fc.constantFrom('..%2f..%2fetc%2fpasswd', '%2e%2e', '%00', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'javascript:alert(1)', '%ZZ', '%E0%A4%A'),
    );
    await fc.assert(
      fc.asyncProperty(segment, async (id) => {
        const res = await target.send({ method: 'GET', path: `/faq/${id}` });
        let decoded: string | undefined;
        try {
          decoded = decodeURIComponent(id);
        } catch {
          decoded = undefined;
        }
        if (decoded !== undefined && faq.get(decoded)) return;
        if (res.status === 400) {
          expect(checkReply(res)).toMatchObject({ kind: 'error', error: { code: 'invalid_path' } });
          return;
        }
        expect(res.status).toBe(404);
        expect(res.text).toBe(notFound);
      }),
      { numRuns: 300, seed: 404 },
    );
  });
});
