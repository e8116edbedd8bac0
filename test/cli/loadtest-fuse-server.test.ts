import { mkdtempSync, writeFileSync } from 'node:fs';
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
