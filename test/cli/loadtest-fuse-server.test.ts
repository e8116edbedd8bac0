import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../../src/cli/corpus';
import { drive } from '../../src/cli/loadtest/drive';
import { faqVariants } from '../../src/cli/loadtest/reload-phase';
import { SkillResponseSchema } from '../../src/kakao';
import { kakaoPayload, postJson, startServer, type RunningServer } from '../harness';

const corpus = generateCorpus({ size: 300, seed: 5 });
let server: RunningServer;

beforeAll(async () => {
  const faqFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'loadtest-fuse-')), 'faq.json');
  writeFileSync(faqFile, faqVariants(corpus)[0]);
  server = await startServer({ FAQ_FILE: faqFile }, { entry: 'src/cli/loadtest/fuse-server.ts' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const textOf = (body: unknown) => (body as { template: { outputs: { simpleText: { text: string } }[] } }).template.outputs[0]!.simpleText.text;

describe('the naive Express + fuse.js skill of the load test', () => {
  it('answers a FAQ question with a valid SkillResponse carrying an answer of the FAQ', async () => {
    const entry = corpus[17]!;
    const res = await postJson(`${server.baseUrl}/skill/faq`, kakaoPayload(entry.question));
    expect(res.status).toBe(200);
    expect(SkillResponseSchema.safeParse(res.body).success).toBe(true);
    expect(corpus.map((e) => e.answer)).toContain(textOf(res.body));
  });

  it('answers anything else with a valid SkillResponse too', async () => {
    for (const utterance of ['', 'zzzz qqqq', '오늘 날씨 어때요?']) {
      const res = await postJson(`${server.baseUrl}/skill/faq`, kakaoPayload(utterance));
      expect(res.status).toBe(200);
      expect(SkillResponseSchema.safeParse(res.body).success).toBe(true);
    }
  });
});

describe('drive (autocannon) against a server that never answers', () => {
  it('ends by itself and counts every request as failed', async () => {
    // accepts, answers nothing
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const { port } = silent.address() as AddressInfo;
      const summary = await drive({ baseUrl: `http://127.0.0.1:${port}`, path: '/skill/faq', bodies: ['{}'], connections: 4, duration: 2, timeout: 1 });
      expect(summary.requests).toBe(0);
      expect(summary.errors).toBeGreaterThan(0);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
  });
});

describe('drive (autocannon) reporting the requests sent after a moment apart', () => {
  it('finds a slow spell after that moment: when its worst request was sent, and how many were slow', async () => {
    // answers at once, except in two spells: before 0.2 s into the run each answer takes 450 ms (not watched),
    // between 0.6 and 1.0 s, 300 ms
    let started = Infinity;
    const delay = (now: number) => (now - started < 200 ? 450 : now - started >= 600 && now - started < 1000 ? 300 : 0);
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('{}'), delay(Date.now())));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      started = Date.now();
      const watchFrom = performance.now() + 500;
      const since = () => (performance.now() >= watchFrom ? watchFrom : undefined);
      const summary = await drive({ baseUrl: `http://127.0.0.1:${port}`, path: '/', bodies: ['{}'], connections: 2, duration: 2, watch: { since, slowMs: 200 } });
      const watched = summary.watched!;
      expect(watched.from).toBeCloseTo(0.5, 1);
      expect(watched.count).toBeGreaterThan(watched.slow);
      expect(summary.max).toBeGreaterThanOrEqual(400);
      expect(watched.max).toBeGreaterThanOrEqual(250);
      expect(watched.max).toBeLessThan(400);
      expect(watched.maxAt).toBeGreaterThanOrEqual(0.45);
      expect(watched.maxAt).toBeLessThan(1.2);
      expect(watched.slow).toBeGreaterThanOrEqual(2);
      expect(watched.slow).toBeLessThan(summary.requests);
    } finally {
      server.close();
    }
  });
});
