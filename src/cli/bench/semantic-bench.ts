/**
 * Entry-vector figures (issue 13 §7): build time from an empty cache and again from the cache it left, the
 * cache's size on disk, and `nearest` latency, on the synthetic corpus at each size.
 *
 *   npm run bench -- --semantic [--entries 10000[,100000]] [--queries 300] [--seed 1] [--cache-dir DIR] [--json]
 *
 * Vectors come from the local model server (.venv-embeddings), started here on a free loopback port with the
 * server's own settings (one inference thread) and stopped at the end. A cold build at 100,000
 * entries embeds about 200,000 texts, which takes hours on a 2-core machine: it only runs when asked for.
 * Without --cache-dir the cache goes to a fresh temporary folder, removed at the end; a --cache-dir that
 * already holds vectors makes the "cold" build partly warm (it says so).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFaqStore, type FaqStore } from '../../faq/faq-store';
import type { FaqFile } from '../../faq/faq-schema';
import { readFusionModel } from '../../faq/fusion-model-file';
import { understand } from '../../faq/understand';
import { silentLogger } from '../../log';
import { createSemanticService } from '../../semantic/semantic-service';
import { createEmbeddingsClient } from '../../semantic/embeddings-client';
import { E5_QUERY_PREFIX, type Embedder } from '../../semantic/embedder';
import { buildEntryVectors, type BuildStats, type EntryVectors } from '../../semantic/entry-vectors';
import { LOCAL_MODEL } from '../../semantic/local-server';
import { openVectorCache } from '../../semantic/vector-cache';
import { generateCorpus, generateQueries } from '../corpus';
import { integerOption, parseCommandArgs } from '../command-line';
import { readEvalSet } from '../eval/eval-set';
import { latencyOf } from '../latency';
import { loadFaqFiles, ROOT, startModelServer } from '../../../test/harness';

interface SizeFigures {
  entries: number;
  cold: BuildStats;
  warm: BuildStats;
  cacheBytes: number;
  cacheFiles: number;
  nearest: { queries: number; p50: number; p99: number; max: number };
  /** A whole question: lexical only, and with the semantic stage (embedding call, nearest, fusion). */
  perQuery?: QueryFigures;
}

interface QueryFigures {
  lexical: { p50: number; p99: number };
  semantic: { p50: number; p99: number };
  /** Questions the lexical stage answered confidently enough to skip the embedding call. */
  skipped: number;
  queries: number;
}

const progress = (msg: string) => process.stderr.write(`[bench --semantic] ${msg}\n`);

async function folderBytes(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

async function benchSize(entries: number, embedder: Embedder, opts: { seed: number; queries: number; cacheDir: string }): Promise<SizeFigures> {
  const corpus = generateCorpus({ size: entries, seed: opts.seed });
  const dir = path.join(opts.cacheDir, `entries-${entries}`);
  const onError = (error: Error, action: string) => progress(`cache ${action} failed: ${error.message}`);
  let lastReport = 0;
  const onProgress = (done: number, total: number) => {
    if (Date.now() - lastReport < 30_000 && done < total) return;
    lastReport = Date.now();
    progress(`${entries}: embedded ${done} of ${total} texts`);
  };

  progress(`${entries}: cold build (empty cache at ${dir})`);
  const coldCache = openVectorCache({ dir, model: embedder.model, onError });
  const cold = await buildEntryVectors(corpus, { embedder, cache: coldCache, onProgress });
  if (cold.stats.fromCache > 0) progress(`${entries}: ${cold.stats.fromCache} texts were already in ${dir}: the cold build was partly warm`);
  await coldCache.close();
  const { bytes: cacheBytes, files: cacheFiles } = await folderBytes(dir);

  progress(`${entries}: warm build (a new process would read the same cache)`);
  const store = createFaqStore({ schemaVersion: 1, entries: corpus } as FaqFile);
  const warmCache = openVectorCache({ dir, model: embedder.model, onError });
  const warm = await buildEntryVectors(store.entries, { embedder, cache: warmCache });
  await warmCache.close();
  store.attachVectors(warm.vectors);

  const nearest = await timeNearest(warm.vectors, embedder, corpus, opts);
  const utterances = generateQueries({ corpus, count: opts.queries, seed: opts.seed + 1 }).map((q) => q.utterance);
  return { entries, cold: cold.stats, warm: warm.stats, cacheBytes, cacheFiles, nearest, perQuery: await timeQuestions(store, embedder, utterances) };
}

/**
 * Per question, as a skill call runs it: the lexical decision alone, and `understand` with the semantic stage
 * (the embedding call to the local server included, with its real loopback HTTP).
 */
async function timeQuestions(store: FaqStore, embedder: Embedder, utterances: readonly string[]): Promise<QueryFigures | undefined> {
  const fusion = await readFusionModel(path.join(ROOT, 'data/fusion-model.json'), embedder.model);
  if ('problem' in fusion) {
    progress(`no per-question figures: ${fusion.problem}`);
    return undefined;
  }
  const semantic = createSemanticService({ embedder, queryTimeoutMs: 5_000, log: silentLogger });
  const options = { semantic, fusion: fusion.model };
  for (const u of utterances.slice(0, 20)) await understand(store, u, options);
  const lexical: number[] = [];
  const fused: number[] = [];
  let skipped = 0;
  for (const u of utterances) {
    let t0 = performance.now();
    store.match(u);
    lexical.push(performance.now() - t0);
    t0 = performance.now();
    const match = await understand(store, u, options);
    fused.push(performance.now() - t0);
    if (match.stage === 'lexical-confident') skipped += 1;
  }
  const pick = (samples: number[]) => {
    const { p50, p99 } = latencyOf(samples);
    return { p50, p99 };
  };
  return { lexical: pick(lexical), semantic: pick(fused), skipped, queries: utterances.length };
}

/** The bundled 50-entry FAQ, asked its own labelled utterances (data/eval/labelled.jsonl, both splits: timing only). */
async function benchBundled(embedder: Embedder, cacheDir: string): Promise<void> {
  // a fresh store: vectors are attached to it
  const store = await loadFaqFiles();
  const cache = openVectorCache({ dir: path.join(cacheDir, 'bundled'), model: embedder.model });
  store.attachVectors((await buildEntryVectors(store.entries, { embedder, cache })).vectors);
  await cache.close();
  const utterances = (await readEvalSet(path.join(ROOT, 'data/eval/labelled.jsonl'))).map((c) => c.utterance);
  const q = await timeQuestions(store, embedder, utterances);
  if (q) {
    console.log(`bundled FAQ (${store.size} entries), ${q.queries} questions: lexical only p50 ${q.lexical.p50.toFixed(2)} / p99 ${q.lexical.p99.toFixed(2)} ms; ` +
      `with semantic p50 ${q.semantic.p50.toFixed(2)} / p99 ${q.semantic.p99.toFixed(2)} ms (${q.skipped} skipped the model)`);
  }
}

/** `nearest(k = 5)` over real query vectors: generated user questions, embedded once beforehand. */
async function timeNearest(
  vectors: EntryVectors,
  embedder: Embedder,
  corpus: ReturnType<typeof generateCorpus>,
  opts: { seed: number; queries: number },
): Promise<SizeFigures['nearest']> {
  const texts = generateQueries({ corpus, count: opts.queries, seed: opts.seed }).map((q) => E5_QUERY_PREFIX + q.utterance);
  progress(`${corpus.length}: embedding ${texts.length} queries, then timing nearest()`);
  const queryVectors = await embedder.embed(texts, { timeoutMs: 120_000 });
  for (let i = 0; i < 20; i++) vectors.nearest(queryVectors[i % queryVectors.length]!, 5);
  const samples = queryVectors.map((q) => {
    const t0 = performance.now();
    vectors.nearest(q, 5);
    return performance.now() - t0;
  });
  const { p50, p99, max } = latencyOf(samples);
  return { queries: samples.length, p50, p99, max };
}

/** The embedder to measure with, and how to stop what was started for it. */
async function openEmbedder(): Promise<{ embedder: Embedder; stop: () => Promise<void> }> {
  const server = await startModelServer();
  progress(`local model server at ${server.url}`);
  return { embedder: createEmbeddingsClient({ url: server.url, model: LOCAL_MODEL, timeoutMs: 120_000, serverAddsE5Prefix: true }), stop: server.stop };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function printTable(results: readonly SizeFigures[], model: string): void {
  const rows: [string, (r: SizeFigures) => string][] = [
    ['passages (distinct texts)', (r) => `${r.cold.passages} (${r.cold.texts})`],
    ['cold build: time', (r) => secs(r.cold.ms)],
    ['cold build: texts embedded / calls', (r) => `${r.cold.embedded} / ${r.cold.calls}`],
    ['cold build: texts per second', (r) => (r.cold.embedded / (r.cold.ms / 1000)).toFixed(1)],
    ['warm build: time', (r) => secs(r.warm.ms)],
    ['warm build: texts embedded', (r) => String(r.warm.embedded)],
    ['cache on disk', (r) => `${mb(r.cacheBytes)} in ${r.cacheFiles} file(s)`],
    ['nearest(k=5) p50 / p99 / max (ms)', (r) => `${r.nearest.p50.toFixed(2)} / ${r.nearest.p99.toFixed(2)} / ${r.nearest.max.toFixed(2)}`],
    ['nearest: queries timed', (r) => String(r.nearest.queries)],
    ['question, lexical only p50 / p99 (ms)', (r) => (r.perQuery ? `${r.perQuery.lexical.p50.toFixed(2)} / ${r.perQuery.lexical.p99.toFixed(2)}` : '–')],
    ['question, with semantic p50 / p99 (ms)', (r) => (r.perQuery ? `${r.perQuery.semantic.p50.toFixed(2)} / ${r.perQuery.semantic.p99.toFixed(2)}` : '–')],
    ['questions that skipped the model', (r) => (r.perQuery ? `${r.perQuery.skipped} of ${r.perQuery.queries}` : '–')],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  console.log(`Entry vectors, model ${model}, node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'})`);
  console.log(`\n${'entries'.padEnd(width)}${results.map((r) => r.entries.toLocaleString('en').padEnd(28)).join('')}`);
  for (const [label, cell] of rows) console.log(`${label.padEnd(width)}${results.map((r) => cell(r).padEnd(28)).join('')}`);
}

export async function runSemanticBench(args: string[]): Promise<void> {
  const { values } = parseCommandArgs({
    args,
    options: {
      entries: { type: 'string', default: '10000' },
      queries: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      'cache-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const sizes = values.entries.split(',').map((s) => integerOption('entries', s.trim().replace(/_/g, '')));
  const count = integerOption('queries', values.queries);
  const seed = integerOption('seed', values.seed, 0);
  const cacheDir = values['cache-dir'] ?? (await mkdtemp(path.join(os.tmpdir(), 'bench-vectors-')));
  const { embedder, stop } = await openEmbedder();
  try {
    const results: SizeFigures[] = [];
    await benchBundled(embedder, cacheDir);
    for (const entries of sizes) results.push(await benchSize(entries, embedder, { seed, queries: count, cacheDir }));
    if (values.json) console.log(JSON.stringify({ model: embedder.model, results }, null, 2));
    else printTable(results, embedder.model);
  } finally {
    await stop();
    if (values['cache-dir'] === undefined) await rm(cacheDir, { recursive: true, force: true });
  }
}
