import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { parseFaqSetsFile } from '../../src/faq/sets/sets-file';
import { openFaqSets, type LiveFaqSets } from '../../src/faq/sets/live-sets';
import { simpleText, skillResponse, SkillResponseSchema } from '../../src/kakao';
import { silentLogger, type Logger } from '../../src/log';
import { createSkillRegistry, defineSkill, type SkillRegistry } from '../../src/skill';
import { inProcessApp, kakaoPayload } from '../harness';
import { faqFileText, sampleDataDir, sampleEntries } from '../faq/sample-data';

const SHOP_ENTRY = { id: 'faq-shop-delivery', categories: ['쇼핑', '배송'], question: '배송은 며칠 걸리나요?', answer: '주문 후 2일 안에 도착합니다.' };
const SHOP_BOT = 'bot-shop-0001';

let data: Awaited<ReturnType<typeof sampleDataDir>>;
let sets: LiveFaqSets;

beforeEach(async () => {
  data = await sampleDataDir();
  await writeFile(path.join(data.dir, 'shop.json'), faqFileText([SHOP_ENTRY, ...sampleEntries(7)]));
  const setsFile = path.join(data.dir, 'faq-sets.json');
  const layout = parseFaqSetsFile(
    JSON.stringify({ defaultSet: 'main', sets: { main: { faqFile: 'faq.json' }, shop: { faqFile: 'shop.json', botIds: [SHOP_BOT] } } }),
    setsFile,
    data.synonymsFile,
  );
  sets = await openFaqSets(layout, { log: silentLogger });
});
afterEach(() => data.cleanup());

function app(options: { log?: Logger; skills?: SkillRegistry } = {}) {
  return inProcessApp({ ...options, faqSets: sets, feedback: null });
}

function payload(utterance: string, options: { botId?: string; params?: Record<string, string> } = {}) {
  const body = kakaoPayload(utterance, options.botId ? { botId: options.botId } : {});
  (body.action as { params: Record<string, string> }).params = options.params ?? {};
  return body;
}

async function ask(body: unknown, options: Parameters<typeof app>[0] = {}) {
  const res = await request(await app(options)).post('/skill/faq').send(body as object);
  expect(res.status).toBe(200);
  expect(SkillResponseSchema.safeParse(res.body).success).toBe(true);
  return res.body as { data: Record<string, unknown> };
}

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  return { log: pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) }), lines };
}

describe('several FAQ sets behind one server', () => {
  it('answers a mapped bot from its own set, and says which set and version answered', async () => {
    const shop = sets.current('shop')!;
    const body = await ask(payload('배송 며칠 걸려요?', { botId: SHOP_BOT }));
    expect(body.data).toMatchObject({
      outcome: 'answer',
      faqId: SHOP_ENTRY.id,
      faqSet: 'shop',
      faqVersion: shop.store.version,
      answerUrl: `https://faq.example.com/faq/${SHOP_ENTRY.id}?set=shop`,
    });
    const other = await ask(payload('배송 며칠 걸려요?', { botId: 'bot-unmapped' }));
    expect(other.data).toMatchObject({ outcome: 'fallback', faqSet: 'main', faqVersion: sets.current('main')!.store.version });
  });

  it('lets a block parameter faqSet choose the set, and ignores (and logs) one that names no set', async () => {
    expect((await ask(payload('배송 며칠 걸려요?', { params: { faqSet: 'shop' } }))).data).toMatchObject({ faqSet: 'shop', faqId: SHOP_ENTRY.id });
    const { log, lines } = recordingLogger();
    const body = await ask(payload('배송 며칠 걸려요?', { botId: SHOP_BOT, params: { faqSet: 'typo' } }), { log });
    expect(body.data.faqSet).toBe('shop');
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, faqSet: 'shop', faqSetParam: 'typo', via: 'bot' }));
  });

  it('puts the set and version on every log line of a skill call, including the skill\'s own', async () => {
    const { log, lines } = recordingLogger();
    await ask(payload('환불 계좌 등록', { botId: SHOP_BOT, params: {} }), { log });
    const noisy = defineSkill({
      name: 'faq',
      handle(_req, context) {
        context.log.info({ step: 'inside' }, 'skill log line');
        return skillResponse({ outputs: [simpleText('안녕하세요')] });
      },
    });
    const body = await ask(payload('안녕'), { log, skills: createSkillRegistry([noisy]) });
    expect(body.data).toEqual({ faqSet: 'main', faqVersion: sets.current('main')!.store.version });
    const callLines = lines.filter((l) => l.msg === 'skill call' || l.msg === 'skill log line');
    expect(callLines).toHaveLength(3);
    for (const line of callLines) expect(line).toMatchObject({ faqSet: expect.any(String), faqVersion: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  it('stamps the edge\'s own apology too', async () => {
    const boom = defineSkill({
      name: 'faq',
      handle() {
        throw new Error('boom');
      },
    });
    const body = await ask(payload('환불', { botId: SHOP_BOT }), { skills: createSkillRegistry([boom]) });
    expect(body.data).toEqual({ outcome: 'error', faqSet: 'shop', faqVersion: sets.current('shop')!.store.version });
  });

  it('shows an answer page from the set named in the link, and 404 for another set or an unknown one', async () => {
    const server = await app();
    expect((await request(server).get(`/faq/${SHOP_ENTRY.id}?set=shop`)).status).toBe(200);
    expect((await request(server).get(`/faq/${SHOP_ENTRY.id}`)).status).toBe(404);
    expect((await request(server).get(`/faq/${SHOP_ENTRY.id}?set=nope`)).status).toBe(404);
    expect((await request(server).get('/faq/faq-wallet')).status).toBe(200);
  });

  it('links the suggestions of a 404 page within its set, and those of an unknown set within the default set', async () => {
    const server = await app();
    const hrefs = async (url: string) => {
      const res = await request(server).get(url);
      expect(res.status).toBe(404);
      return [...res.text.matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1]!);
    };
    const shop = await hrefs('/faq/faq-gone?set=shop');
    expect(shop.length).toBeGreaterThan(0);
    for (const href of shop) {
      expect(href).toMatch(/\?set=shop$/);
      expect((await request(server).get(new URL(href).pathname + new URL(href).search)).status).toBe(200);
    }
    const unknown = await hrefs('/faq/faq-gone?set=nope');
    expect(unknown.length).toBeGreaterThan(0);
    for (const href of unknown) expect((await request(server).get(new URL(href).pathname)).status).toBe(200);
    expect(unknown.every((href) => !href.includes('?set='))).toBe(true);
  });

  it('reports every set with its version, size and load time on /healthz', async () => {
    const res = await request(await app()).get('/healthz');
    expect(res.body).toEqual({
      status: 'ready',
      semantic: { state: 'off', model: null },
      faq: { entries: 4, version: sets.current('main')!.store.version },
      faqSets: {
        main: { entries: 4, version: sets.current('main')!.store.version, loadedAt: sets.current('main')!.loadedAt.toISOString() },
        shop: { entries: 5, version: sets.current('shop')!.store.version, loadedAt: sets.current('shop')!.loadedAt.toISOString() },
      },
    });
  });
});

describe('a reload while a request is in flight', () => {
  it('lets the request finish on the snapshot it started with; the next one gets the new data', async () => {
    let started: () => void = () => {};
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = defineSkill({
      name: 'faq',
      async handle(req, { faq }) {
        started();
        await released;
        return skillResponse({ outputs: [simpleText(faq.get('faq-refund-account')!.answer)] });
      },
    });
    const server = await app({ skills: createSkillRegistry([slow]) });
    const before = sets.current('main')!.store.version;

    const inFlight = request(server).post('/skill/faq').send(payload('환불'));
    const response = inFlight.then((res) => res);
    await isStarted;
    await writeFile(data.faqFile, faqFileText(sampleEntries(2)));
    const reload = await sets.reloadAll('test');
    expect(reload.map((r) => r.status)).toEqual(['swapped', 'unchanged']);
    release();

    const old = await response;
    expect(old.body.template.outputs[0].simpleText.text).toContain('(버전 1)');
    expect(old.body.data).toEqual({ faqSet: 'main', faqVersion: before });

    const next = request(server).post('/skill/faq').send(payload('환불'));
    const fresh = await next;
    expect(fresh.body.template.outputs[0].simpleText.text).toContain('(버전 2)');
    expect(fresh.body.data.faqVersion).toBe(sets.current('main')!.store.version);
    expect(fresh.body.data.faqVersion).not.toBe(before);
  });
});
