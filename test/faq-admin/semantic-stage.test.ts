import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { createFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { openSemanticStage } from '../../src/faq-admin/semantic-stage';
import { embeddingsAnswer, sendJson, startScriptedServer, type ScriptedServer } from '../semantic/scripted-server';

let server: ScriptedServer;
let dir: string;

beforeAll(async () => {
  server = await startScriptedServer((body, res) => sendJson(res, 200, embeddingsAnswer(body.input ?? [])));
  dir = await mkdtemp(path.join(os.tmpdir(), 'faq-semantic-stage-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const store = (): FaqStore =>
  createFaqStore(
    FaqFileSchema.parse({
      schemaVersion: 1,
      entries: [
        { id: 'refund', question: '환불 계좌는 어떻게 등록하나요?', answer: '설정에서 등록합니다.', categories: ['결제'] },
        { id: 'coupon', question: '쿠폰은 어디서 받나요?', answer: '이벤트 페이지에서 받습니다.', categories: ['이벤트'] },
      ],
    }),
  );
const config = (fusionModelFile: string) =>
  parseConfig({ EMBEDDINGS_URL: server.url, EMBEDDINGS_MODEL: 'scripted', EMBEDDINGS_CACHE_DIR: path.join(dir, 'vectors'), FUSION_MODEL_FILE: fusionModelFile });
const embeddingCalls = () => server.requests.filter((r) => Array.isArray((r.body as { input?: unknown } | undefined)?.input)).length;

describe('openSemanticStage: the semantic stage of a command, opened as the server opens it', () => {
  it('reads the fusion before building any vector: a fusion for another model costs no embedding', async () => {
    const before = embeddingCalls();
    const opened = await openSemanticStage(store(), config(path.resolve('data/fusion-model.json')), { root: dir, fusion: true });
    expect(opened).toEqual({ problem: expect.stringMatching(/was fitted for multilingual-e5-small, not scripted/) });
    expect(embeddingCalls()).toBe(before);
  });

  it('attaches the vectors to the given store and hands back the fusion fitted for the service model', async () => {
    const fitted = { ...JSON.parse(await readFile('data/fusion-model.json', 'utf8')), embeddingModel: 'scripted' };
    const file = path.join(dir, 'fusion-model.json');
    await writeFile(file, JSON.stringify(fitted));
    const faq = store();
    const opened = await openSemanticStage(faq, config(file), { root: dir, fusion: true });
    if ('problem' in opened) throw new Error(opened.problem);
    try {
      expect(opened.store).toBe(faq);
      expect(faq.vectors()?.model).toBe('scripted');
      expect(opened.service.model).toBe('scripted');
      expect(opened.fusion.embeddingModel).toBe('scripted');
    } finally {
      await opened.close();
    }
  });

  it('opens without a fusion for the command that fits one (eval --tune)', async () => {
    const opened = await openSemanticStage(store(), config(path.join(dir, 'missing.json')), { root: dir, fusion: false });
    if ('problem' in opened) throw new Error(opened.problem);
    try {
      expect(opened.store.vectors()?.entries).toHaveLength(2);
      expect('fusion' in opened).toBe(false);
    } finally {
      await opened.close();
    }
  });
});
