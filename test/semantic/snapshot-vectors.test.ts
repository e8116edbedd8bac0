import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openFaqSet, type FaqSet } from '../../src/faq/sets/reloadable-set';
import type { FaqStore } from '../../src/faq/faq-store';
import type { SnapshotVectorsOptions } from '../../src/faq/snapshot-vectors';
import { silentLogger } from '../../src/log';
import { createMetrics, type Metrics } from '../../src/metrics';
import { createEmbeddingsClient } from '../../src/semantic/embeddings-client';
import { E5_QUERY_PREFIX, type Embedder } from '../../src/semantic/embedder';
import { freeLoopbackPort, LOCAL_MODEL } from '../../src/semantic/local-server';
import { openVectorCache, type VectorCache } from '../../src/semantic/vector-cache';
import { faqFileText, SYNONYMS_TEXT } from '../faq/sample-data';
import { countingEmbedder } from './counting-embedder';
import { startModelServer, type TestModelServer } from '../harness';
import { semanticEntries } from './semantic-entries';

const clientAt = (url: string): Embedder => createEmbeddingsClient({ url, model: LOCAL_MODEL, timeoutMs: 60_000, serverAddsE5Prefix: true });

let dir: string;
let files: { faqFile: string; synonymsFile: string };
let cache: VectorCache;
const sets: FaqSet[] = [];
const servers: TestModelServer[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'snapshot-vectors-'));
  files = { faqFile: path.join(dir, 'faq.json'), synonymsFile: path.join(dir, 'synonyms.json') };
  await writeFile(files.faqFile, faqFileText(semanticEntries()));
  await writeFile(files.synonymsFile, SYNONYMS_TEXT);
  cache = openVectorCache({ dir: path.join(dir, 'embeddings'), model: LOCAL_MODEL });
});
afterEach(async () => {
  for (const set of sets.splice(0)) set.close();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await cache.close();
  await rm(dir, { recursive: true, force: true });
});

async function openSet(vectors: SnapshotVectorsOptions): Promise<FaqSet> {
  const set = await openFaqSet('default', files, { log: silentLogger, vectors });
  sets.push(set);
  return set;
}

async function startServer(options: { port?: number } = {}): Promise<TestModelServer> {
  const server = await startModelServer(options);
  servers.push(server);
  return server;
}

/** Waits (bounded) until `store` has vectors; a test never asserts how long that took. */
async function vectorsAttached(store: FaqStore, withinMs = 60_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (!store.vectors() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!store.vectors()) throw new Error(`no vectors attached within ${withinMs} ms`);
}

const nearestId = async (client: Embedder, store: FaqStore, question: string) =>
  store.vectors()!.nearest((await client.embed([E5_QUERY_PREFIX + question]))[0]!, 1)[0]?.id;

/** A metric's value per label set, e.g. `{ 'default/attached': 1 }` for labels set=default, state=attached. */
async function valuesOf(metrics: Metrics, name: string): Promise<Record<string, number>> {
  const { values } = await metrics.registry.getSingleMetric(name)!.get();
  return Object.fromEntries(values.map((v) => [Object.values(v.labels).join('/'), v.value]));
}

const NEW_ENTRY = { id: 'gift-card', categories: ['테스트 서비스'], question: '상품권은 어떻게 사용하나요?', answer: '결제 화면에서 상품권 번호를 입력하세요.' };

describe('entry vectors bound to their FAQ snapshot', () => {
  it('a set loads with vectors of exactly its entries, and a reload swaps in a snapshot with its own', async () => {
    const server = await startServer();
    const client = clientAt(server.url);
    const set = await openSet({ embedder: client, cache });
    const first = set.current().store;
    expect(first.vectors()?.entries).toBe(first.entries);

    await writeFile(files.faqFile, faqFileText([...semanticEntries(), NEW_ENTRY]));
    const result = await set.reload('test');
    expect(result.status).toBe('swapped');
    const second = set.current().store;
    // the new snapshot serves with its vectors already attached: never its index with the old vectors
    expect(second.vectors()?.entries).toBe(second.entries);
    expect(await nearestId(client, second, NEW_ENTRY.question)).toBe('gift-card');
    // the old snapshot (a request that took it before the swap) keeps its own, which know nothing of the new entry
    expect(first.vectors()?.entries).toBe(first.entries);
    expect(await nearestId(client, first, NEW_ENTRY.question)).not.toBe('gift-card');
    expect(first.attachVectors(second.vectors()!)).toBe(false);
  });

  it('a reload that outlasts the wait serves lexically, then attaches the vectors to that same snapshot', async () => {
    const server = await startServer();
    const client = clientAt(server.url);
    const set = await openSet({ embedder: client, cache, waitMs: 1 });
    await vectorsAttached(set.current().store);

    await writeFile(files.faqFile, faqFileText([...semanticEntries(), NEW_ENTRY]));
    await set.reload('test');
    const swapped = set.current();
    expect(swapped.store.vectors()).toBeUndefined();
    expect(swapped.store.match('상품권 사용').hits[0]?.entry.id).toBe('gift-card');

    await vectorsAttached(swapped.store);
    expect(set.current()).toBe(swapped);
    expect(swapped.store.vectors()!.entries).toBe(swapped.store.entries);
    expect(await nearestId(client, swapped.store, NEW_ENTRY.question)).toBe('gift-card');
  });

  it('with the embedding service down at load, serves lexically and gets vectors when the service starts', async () => {
    const port = await freeLoopbackPort();
    const counting = countingEmbedder(clientAt(`http://127.0.0.1:${port}`));
    const set = await openSet({ embedder: counting.embedder, cache, retry: { firstMs: 100, maxMs: 500 } });
    const store = set.current().store;
    expect(store.vectors()).toBeUndefined();
    expect(store.match('예약을 취소하고 싶어요').hits[0]?.entry.id).toBe('reservation-cancel');

    await startServer({ port });
    await vectorsAttached(store);
    expect(set.current().store).toBe(store);
    expect(store.vectors()!.entries).toBe(store.entries);
    expect(await nearestId(clientAt(`http://127.0.0.1:${port}`), store, '비밀번호를 잊어버렸어요')).toBe('password-reset');
  });

  it('the metrics show a set\'s vectors unavailable while the service is down, then attached, and count builds by result', async () => {
    const port = await freeLoopbackPort();
    const metrics = createMetrics();
    const set = await openSet({ embedder: clientAt(`http://127.0.0.1:${port}`), cache, retry: { firstMs: 100, maxMs: 500 }, metrics });
    expect(await valuesOf(metrics, 'kakao_faq_entry_vectors')).toEqual({ 'default/attached': 0, 'default/building': 0, 'default/unavailable': 1 });
    expect((await valuesOf(metrics, 'kakao_faq_entry_vector_builds_total'))['default/error']).toBeGreaterThanOrEqual(1);

    await startServer({ port });
    await vectorsAttached(set.current().store);
    expect(await valuesOf(metrics, 'kakao_faq_entry_vectors')).toEqual({ 'default/attached': 1, 'default/building': 0, 'default/unavailable': 0 });
    expect((await valuesOf(metrics, 'kakao_faq_entry_vector_builds_total'))['default/ok']).toBe(1);

    // a load that outlasts its wait (no cache: every entry is embedded) is building until its vectors are attached
    const reloading = await openSet({ embedder: clientAt(`http://127.0.0.1:${port}`), waitMs: 1, metrics });
    expect((await valuesOf(metrics, 'kakao_faq_entry_vectors'))['default/building']).toBe(1);
    await vectorsAttached(reloading.current().store);
    expect(await valuesOf(metrics, 'kakao_faq_entry_vectors')).toEqual({ 'default/attached': 1, 'default/building': 0, 'default/unavailable': 0 });
  });

  it('a reload compacts the cache when it holds data nothing can use, keeping every vector the set uses', async () => {
    const server = await startServer();
    const set = await openSet({ embedder: clientAt(server.url), cache });
    expect((await cache.read()).size).toBeGreaterThan(0); // the load's vectors are written (in the background)
    await writeFile(path.join(cache.dir, 'torn.vec'), 'not vectors: a file some crash left behind');
    expect((await cache.read()).stats.corruptFiles).toBe(1);

    await writeFile(files.faqFile, faqFileText([...semanticEntries(), NEW_ENTRY]));
    await set.reload('test');
    const after = await cache.read();
    expect(after.stats).toMatchObject({ files: 1, corruptFiles: 0 });
    const counting = countingEmbedder(clientAt(server.url));
    const again = await openSet({ embedder: counting.embedder, cache });
    expect(again.current().store.vectors()).toBeDefined();
    expect(counting.calls).toEqual([]);
  });

  it('a restart embeds nothing: the second server process finds every vector in the cache', async () => {
    const server = await startServer();
    const first = await openSet({ embedder: clientAt(server.url), cache });
    expect(first.current().store.vectors()).toBeDefined();
    first.close();
    await cache.close();

    const counting = countingEmbedder(clientAt(server.url));
    const restarted = await openSet({ embedder: counting.embedder, cache: openVectorCache({ dir: path.join(dir, 'embeddings'), model: LOCAL_MODEL }) });
    expect(restarted.current().store.vectors()).toBeDefined();
    expect(counting.calls).toEqual([]);
  });
});
