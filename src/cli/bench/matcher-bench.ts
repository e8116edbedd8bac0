/**
 * One size of `kakao-faq bench`: our matcher and plain fuse.js built over the same synthetic corpus and timed
 * on the same queries (src/cli/bench/command.ts runs it; bench-table.ts prints the figures).
 */
import Fuse from 'fuse.js';
import { createMatcher, parseSynonyms } from '../../matcher';
import { latencyOf, type Latency } from '../latency';
import { generateCorpus, generateQueries, type FaqEntryLike, type GeneratedQuery } from '../corpus';

const HIT_LIMIT = 5;
const OUR_WARMUP = 50;
const MB = 1024 * 1024;


export interface EngineResult {
  buildMs: number;
  /** Heap used after the build, whole process (corpus included), MB. */
  heapMb: number;
  /** Growth over the heap with only corpus and queries loaded (taken before either engine is built), MB. */
  indexMb: number;
  latency: Latency;
  /** Per timed query: latency (ms) and the ids returned, best first. */
  runs: { ms: number; ids: string[] }[];
  /** With `--repeat N` (N > 1): latency of each query's median over its N timings (the first pass included). */
  medianLatency?: Latency;
}

interface Agreement {
  queries: number;
  top1: number;
  top1SameQuestion: number;
  top5: number;
  /** Top-1 = source entry, by how the query was derived (exact, particles, no-space, typo, …). */
  top1ByKind: Record<string, number>;
}

export interface SizeResult {
  size: number;
  corpusMs: number;
  ours: EngineResult & { agreement: Agreement; slowest: { utterance: string; ms: number }[] };
  fuse: EngineResult & { agreement: Agreement; queriesTimed: number };
  /** fuse.js ÷ ours on the queries both ran. */
  speedup: { p50: number; p99: number };
}

export interface TargetResult { size: number; target: string; actual: string; pass: boolean }

/** Node's gc() when started with --expose-gc (bin/kakao-faq.cjs starts bench that way). */
export const gc: (() => void) | undefined = globalThis.gc;

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / MB;
}

/**
 * Builds an engine, measures build time and heap, warms it up, then times each query on its own. The engine
 * is unreachable once this returns. `baseline` is the heap before any engine was built: measuring "before"
 * here instead gave fuse.js a negative size, as V8 was still holding the previous engine at that point.
 */
function measure(
  build: () => (q: string) => string[],
  queries: readonly string[],
  warmup: number,
  baseline: number,
  repeat = 0,
): EngineResult {
  const started = performance.now();
  let search: ((q: string) => string[]) | undefined = build();
  const buildMs = performance.now() - started;
  const after = heapMb();
  for (let i = 0; i < warmup; i++) search(queries[i % queries.length] ?? '');
  const runs = queries.map((q) => {
    const t0 = performance.now();
    const ids = search!(q);
    return { ms: performance.now() - t0, ids };
  });
  const samples = runs.map((r) => [r.ms]);
  for (let pass = 0; pass < repeat; pass++) {
    queries.forEach((q, i) => {
      const t0 = performance.now();
      search!(q);
      samples[i]!.push(performance.now() - t0);
    });
  }
  search = undefined;
  const result: EngineResult = {
    buildMs,
    heapMb: after,
    indexMb: after - baseline,
    latency: latencyOf(runs.map((r) => r.ms)),
    runs,
  };
  if (repeat > 0) result.medianLatency = latencyOf(samples.map((s) => latencyOf(s).p50));
  return result;
}

function agreementOf(
  queries: readonly GeneratedQuery[],
  runs: EngineResult['runs'],
  byId: Map<string, FaqEntryLike>,
): Agreement {
  let n = 0, top1 = 0, same = 0, top5 = 0;
  const kinds = new Map<string, { n: number; hit: number }>();
  runs.forEach((run, i) => {
    const source = queries[i]?.sourceId;
    if (!source) return;
    n += 1;
    const first = run.ids[0];
    const kind = kinds.get(queries[i]?.kind ?? '') ?? { n: 0, hit: 0 };
    kinds.set(queries[i]?.kind ?? '', { n: kind.n + 1, hit: kind.hit + (first === source ? 1 : 0) });
    if (first === source) top1 += 1;
    if (first !== undefined && byId.get(first)?.question === byId.get(source)?.question) same += 1;
    if (run.ids.includes(source)) top5 += 1;
  });
  const share = (k: number) => (n === 0 ? NaN : k / n);
  const byKind = [...kinds].sort(([a], [b]) => a.localeCompare(b));
  const top1ByKind = Object.fromEntries(byKind.map(([k, v]) => [k, v.hit / v.n]));
  return { queries: n, top1: share(top1), top1SameQuestion: share(same), top5: share(top5), top1ByKind };
}

/** The three slowest queries, for whoever tunes the matcher. */
function slowestOf(utterances: readonly string[], runs: EngineResult['runs']): { utterance: string; ms: number }[] {
  return runs
    .map((r, i) => ({ utterance: utterances[i] ?? '', ms: r.ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
}

/**
 * Plain fuse.js scans every entry per query: about 1 s at 10k and 5–15 s at 100k on a 2-core box, so it gets
 * 50 queries at 10k and 10 at 100k (all of them at 1k); that keeps the default run to a few minutes.
 */
function fuseBudget(size: number, queries: number, override: number | undefined): number {
  return Math.min(queries, override ?? Math.max(10, Math.floor(500_000 / Math.max(1, size))));
}

export interface BenchOptions {
  queries: number;
  seed: number;
  fuseQueries?: number;
  /** Passes over our queries after the first, for {@link EngineResult.medianLatency}; 0 for none. */
  repeat: number;
  synonyms: ReturnType<typeof parseSynonyms>;
}

export function benchSize(size: number, opts: BenchOptions): SizeResult {
  const progress = (msg: string) => process.stderr.write(`[bench ${size.toLocaleString('en')}] ${msg}\n`);
  progress('generating corpus and queries');
  const t0 = performance.now();
  const corpus = generateCorpus({ size, seed: opts.seed });
  const corpusMs = performance.now() - t0;
  const queries = generateQueries({ corpus, count: opts.queries, seed: opts.seed });
  const utterances = queries.map((q) => q.utterance);
  const byId = new Map(corpus.map((e) => [e.id, e]));
  const baseline = heapMb();

  progress(`our matcher: build + ${utterances.length} queries`);
  const ours = measure(() => {
    const matcher = createMatcher(corpus, { synonyms: opts.synonyms });
    return (q) => matcher.search(q, { limit: HIT_LIMIT }).map((h) => h.id);
  }, utterances, OUR_WARMUP, baseline, opts.repeat);

  const fuseCount = fuseBudget(size, utterances.length, opts.fuseQueries);
  progress(`plain fuse.js: build + ${fuseCount} queries`);
  const subset = utterances.slice(0, fuseCount);
  const fuse = measure(() => {
    const index = new Fuse(corpus, { keys: ['question', 'answer', 'categories'], includeScore: true });
    return (q) => index.search(q, { limit: HIT_LIMIT }).map((r) => r.item.id);
  }, subset, Math.min(5, Math.max(1, Math.floor(fuseCount / 20))), baseline);

  const oursOnSubset = latencyOf(ours.runs.slice(0, fuseCount).map((r) => r.ms));
  return {
    size,
    corpusMs,
    ours: { ...ours, agreement: agreementOf(queries, ours.runs, byId), slowest: slowestOf(utterances, ours.runs) },
    fuse: { ...fuse, agreement: agreementOf(queries, fuse.runs, byId), queriesTimed: fuseCount },
    speedup: { p50: fuse.latency.p50 / oursOnSubset.p50, p99: fuse.latency.p99 / oursOnSubset.p99 },
  };
}

/** The design targets, applied to the sizes they were set for. */
export function targetsFor(r: SizeResult): TargetResult[] {
  const out: TargetResult[] = [];
  const add = (target: string, actual: string, pass: boolean) => out.push({ size: r.size, target, actual, pass });
  const p99Limit = r.size <= 10_000 ? 2 : r.size <= 100_000 ? 10 : undefined;
  const p99 = r.ours.latency.p99;
  if (p99Limit !== undefined) add(`our query p99 ≤ ${p99Limit} ms`, `${ms(p99)} ms`, p99 <= p99Limit);
  if (r.size >= 10_000) add('≥ 100× faster than fuse.js (p50)', `${times(r.speedup.p50)}`, r.speedup.p50 >= 100);
  if (r.size <= 100_000) add('our build < 10 s', `${(r.ours.buildMs / 1000).toFixed(2)} s`, r.ours.buildMs < 10_000);
  add('heap after our build < 1 GB', `${r.ours.heapMb.toFixed(0)} MB`, r.ours.heapMb < 1024);
  return out;
}

export const ms = (x: number) => (Number.isNaN(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x.toFixed(0));
export const times = (x: number) => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)}×` : 'n/a');
export const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
export const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p99)} / ${ms(l.max)}`;
