import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FaqFileSchema, type FaqEntry } from '../../src/faq/faq-schema';
import { createEmbeddingsClient } from '../../src/semantic/embeddings-client';
import { E5_QUERY_PREFIX, type Embedder } from '../../src/semantic/embedder';
import { buildEntryVectors, createEntryVectors } from '../../src/semantic/entry-vectors';
import { freeLoopbackPort, LOCAL_MODEL } from '../../src/semantic/local-server';
import { passagesOf } from '../../src/semantic/passages';
import { openVectorCache, type VectorCache } from '../../src/semantic/vector-cache';
import { countingEmbedder } from './counting-embedder';
import { startModelServer, type TestModelServer } from '../harness';
import { embeddingsAnswer, sendJson, startScriptedServer } from './scripted-server';
import { semanticEntries } from './semantic-entries';

let server: TestModelServer;
let client: Embedder;
beforeAll(async () => {
  server = await startModelServer();
  client = createEmbeddingsClient({ url: server.url, model: LOCAL_MODEL, timeoutMs: 60_000, serverAddsE5Prefix: true });
}, 90_000);
afterAll(() => server?.stop());

let dir: string;
const caches: VectorCache[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'entry-vectors-'));
});
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A cache over the test's folder, as a new process would open it. */
function cacheAt(): VectorCache {
  const cache = openVectorCache({ dir, model: LOCAL_MODEL });
  caches.push(cache);
  return cache;
}

const entries = (): FaqEntry[] => FaqFileSchema.parse({ schemaVersion: 1, entries: semanticEntries() }).entries;
const allTexts = (list: readonly FaqEntry[]) => [...new Set(list.flatMap((e) => passagesOf(e).map((p) => p.text)))];
const embedQuery = async (text: string) => (await client.embed([E5_QUERY_PREFIX + text]))[0]!;

describe('buildEntryVectors with the real model and a real cache folder', () => {
  it('embeds every text once, and after a restart embeds none and gives the same vectors', async () => {
    const faq = entries();
    const cold = countingEmbedder(client);
    const first = await buildEntryVectors(faq, { embedder: cold.embedder, cache: cacheAt() });
    expect(cold.texts().sort()).toEqual(allTexts(faq).sort());
    expect(first.stats).toMatchObject({ entries: faq.length, fromCache: 0, embedded: allTexts(faq).length });
    await caches[0]!.close();

    const warm = countingEmbedder(client);
    const second = await buildEntryVectors(faq, { embedder: warm.embedder, cache: cacheAt() });
    expect(warm.calls).toEqual([]);
    expect(second.stats).toMatchObject({ embedded: 0, fromCache: allTexts(faq).length });
    expect(second.vectors.vectors).toEqual(first.vectors.vectors);
    expect(second.vectors.entries).toBe(faq);
  });

  it('after a reload that changes 3 entries, embeds only their new passages (a new question renews its answer passage too)', async () => {
    // one process: the same cache object serves the load and the reload
    const cache = cacheAt();
    await buildEntryVectors(entries(), { embedder: client, cache });
    const changed = entries().map((e) => {
      if (e.id === 'wallet') return { ...e, question: '전자지갑이란 무엇인가요?' };
      if (e.id === 'channel-add') return { ...e, alternateQuestions: ['채널 구독하기'] };
      if (e.id === 'receipt') return { ...e, answer: '결제 내역에서 영수증 보기를 누르세요. 이메일로도 보내 드립니다.' };
      return e;
    });
    const counting = countingEmbedder(client);
    const { stats } = await buildEntryVectors(changed, { embedder: counting.embedder, cache });
    expect(counting.texts().sort()).toEqual(
      [
        'query: 전자지갑이란 무엇인가요?',
        'passage: 전자지갑이란 무엇인가요? 월렛은 결제 수단과 신분증을 모아 두는 곳입니다.',
        'query: 채널 구독하기',
        'passage: 영수증은 어디서 보나요? 결제 내역에서 영수증 보기를 누르세요. 이메일로도 보내 드립니다.',
      ].sort(),
    );
    expect(stats.embedded).toBe(4);
  });

  it('nearest ranks entries by their best passage, best first, and says which kind matched', async () => {
    const { vectors } = await buildEntryVectors(entries(), { embedder: client });
    const byQuestion = vectors.nearest(await embedQuery('예약을 취소하고 싶어요'), 3);
    expect(byQuestion).toHaveLength(3);
    expect(byQuestion[0]).toMatchObject({ id: 'reservation-cancel', kind: 'question' });
    expect(byQuestion[0]!.similarity).toBeGreaterThan(0.99);
    expect(byQuestion.map((n) => n.similarity)).toEqual([...byQuestion.map((n) => n.similarity)].sort((a, b) => b - a));
    expect(new Set(byQuestion.map((n) => n.id)).size).toBe(3);

    expect(vectors.nearest(await embedQuery('비번 재설정'), 1)[0]).toMatchObject({ id: 'password-reset', kind: 'alternate' });
    // a paraphrase that shares no word with its entry
    expect(vectors.nearest(await embedQuery('돈 돌려받을 통장 바꾸려면?'), 1)[0]!.id).toBe('refund-account');
    expect(vectors.nearest(await embedQuery('택배 어디쯤 왔어'), 1)[0]!.id).toBe('delivery-status');
    expect(vectors.nearest(await embedQuery('아무거나'), 100)).toHaveLength(entries().length);
    expect(() => vectors.nearest(new Float32Array(10), 1)).toThrow(RangeError);

    // the plain loop (vectors outside SIMD memory) ranks the same entries with the same similarities
    const plain = createEntryVectors(vectors.model, vectors.dims, vectors.entries, Float32Array.from(vectors.vectors), vectors.passageEntry, vectors.passageKind);
    for (const question of ['택배 어디쯤 왔어', '알림 소리 끄기', '환불']) {
      const query = await embedQuery(question);
      const [simd, loop] = [vectors.nearest(query, 5), plain.nearest(query, 5)];
      expect(loop.map((n) => [n.id, n.kind])).toEqual(simd.map((n) => [n.id, n.kind]));
      loop.forEach((n, i) => expect(n.similarity).toBeCloseTo(simd[i]!.similarity, 5));
    }
  });

  it('stops when superseded, and a later build embeds only what the stopped one had not', async () => {
    const faq = entries();
    const controller = new AbortController();
    const counting = countingEmbedder(client);
    const building = buildEntryVectors(faq, {
      embedder: counting.embedder,
      cache: cacheAt(),
      signal: controller.signal,
      batchSize: 4,
      concurrency: 1,
      onProgress: () => controller.abort(new Error('superseded by a newer FAQ version')),
    });
    await expect(building).rejects.toThrow('superseded by a newer FAQ version');
    expect(counting.calls).toHaveLength(1);
    await caches[0]!.close();

    const after = countingEmbedder(client);
    const { stats } = await buildEntryVectors(faq, { embedder: after.embedder, cache: cacheAt() });
    expect(stats.embedded).toBe(allTexts(faq).length - 4);
    for (const text of counting.calls[0]!) expect(after.texts()).not.toContain(text);
  });

  it('embeds everything again when the model behind the name now answers in another dimension', async () => {
    const faq = entries();
    const cache = cacheAt();
    await buildEntryVectors(faq, { embedder: client, cache });
    // the same model name, another service behind it: the real vectors' first 128 dimensions, rescaled
    const narrower: Embedder = {
      model: client.model,
      embed: async (texts, options) =>
        (await client.embed(texts, options)).map((v) => {
          const cut = v.slice(0, 128);
          const norm = Math.hypot(...cut);
          return cut.map((x) => x / norm);
        }),
    };
    const changed = faq.map((e) => (e.id === 'wallet' ? { ...e, question: '전자지갑이란 무엇인가요?' } : e));
    const counting = countingEmbedder(narrower);
    const { vectors, stats } = await buildEntryVectors(changed, { embedder: counting.embedder, cache });
    expect(vectors.dims).toBe(128);
    expect(stats.embedded).toBe(allTexts(changed).length);
    expect((await cache.read()).dims).toBe(128);
  });

  it('makes no further calls once one call failed', async () => {
    // a real HTTP service that fails the first request and answers the others slowly
    const service = await startScriptedServer((body, res) => {
      const first = service.requests.length === 1;
      setTimeout(() => (first ? sendJson(res, 500, '{"error":"boom"}') : sendJson(res, 200, embeddingsAnswer(body.input ?? []))), first ? 20 : 300);
    });
    try {
      const scripted = createEmbeddingsClient({ url: service.url, model: LOCAL_MODEL, timeoutMs: 10_000 });
      await expect(buildEntryVectors(entries(), { embedder: scripted, batchSize: 2, concurrency: 2 })).rejects.toThrow(/HTTP 500/);
      // the call that was in flight beside the failed one finishes; nothing is sent after it
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(service.requests).toHaveLength(2);
    } finally {
      await service.close();
    }
  });

  it('rejects when the embedding service is not there', async () => {
    const down = createEmbeddingsClient({ url: `http://127.0.0.1:${await freeLoopbackPort()}`, model: LOCAL_MODEL, timeoutMs: 5_000 });
    await expect(buildEntryVectors(entries(), { embedder: down, cache: cacheAt() })).rejects.toThrow(/could not reach/);
  });
});
