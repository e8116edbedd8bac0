/**
 * `kakao-faq bench`: speed and memory of our matcher against plain fuse.js, on synthetic corpora built in memory (one run, one
 * machine, same corpus and same queries for both engines).
 *
 *   npm run bench -- [--sizes 10000,100000] [--queries 500] [--fuse-queries N] [--seed 1] [--repeat 1]
 *                    [--json] [--check]
 *   npm run bench -- --semantic [--entries 10000[,100000]] …   entry-vector figures (src/cli/bench/semantic-bench.ts)
 *   npm run bench -- --startup [--entries 100000] [--workers 1,2] …   start-up time and RSS (src/cli/bench/startup-bench.ts)
 *   npm run bench -- --edge [--calls 3000] [--rounds 5] [--baseline HEAD] …   server CPU µs per call of the HTTP edge against a git baseline (edge-bench.ts)
 *   npm run bench -- --reply [--entries 10000] [--baseline HEAD] …   an uncached FAQ skill call against a git baseline (reply-bench.ts)
 *
 * bin/kakao-faq.cjs starts node with --expose-gc for bench so heap figures are taken after a full collection;
 * without it they are approximate and say so. Plain fuse.js scans every entry per query (seconds at 100k), so it
 * only runs on the first few queries at large sizes; speed-ups compare both engines on that same subset.
 * `--check` exits 1 when a target fails. Progress goes to stderr, so `--json` output can be piped.
 * `--repeat N` (odd, e.g. 5) times each of our queries N times in all and also reports each query's median: on a
 * shared machine a single pass's p99 is mostly the other processes (a query descheduled for a few ms), while the
 * median is what the query itself costs. Targets are always checked on the first pass alone.
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { parseSynonyms } from '../../matcher';
import { SYNONYMS_FILE } from '../../../test/harness';
import { integerOption, parseCommandArgs, type CliCommand } from '../command-line';
import { printTable } from './bench-table';
import { benchSize, gc, targetsFor, type EngineResult } from './matcher-bench';
import { runSemanticBench } from './semantic-bench';
import { REPLY_BENCH_USAGE, runReplyBench } from './reply-bench';
import { runStartupBench } from './startup-bench';
import { EDGE_BENCH_USAGE, runEdgeBench } from './edge-bench';

const USAGE = `usage: kakao-faq bench [--sizes 10000,100000] [--queries 500] [--fuse-queries N] [--seed 1] [--repeat 1] [--json] [--check]
       kakao-faq bench --semantic [--entries 10000[,100000]] [--queries 300] [--seed 1] [--cache-dir DIR] [--json]
       kakao-faq bench --startup [--entries 100000] [--workers 1,2] [--seed 1] [--json] [--check]
${REPLY_BENCH_USAGE}
${EDGE_BENCH_USAGE}
       (npm run bench -- …)

  Times our matcher against plain fuse.js on synthetic corpora of each size (same corpus, same queries):
  build time, heap, query p50/p99/max and agreement, then the design targets. Plain fuse.js runs only the
  first --fuse-queries queries at large sizes. --repeat N (odd, e.g. 5) also reports each query's median.
  --check exits 1 when a target fails. --json prints the figures as JSON (progress goes to stderr).
  --semantic: entry-vector build, cache and nearest-neighbour figures with the local model server.
  --startup: the real server's start to /healthz and RSS per worker (VmRSS, VmHWM) with an N-entry FAQ
  against the bundled one, for each WORKERS count; --check exits 1 past 10 s or 1 GB.
  --reply: µs per uncached FAQ skill call (handle() on the bundled FAQ and an N-entry corpus), this checkout
  against the source of git commit --baseline, alternating for --rounds rounds, with each side's top functions.
  --edge: the server's CPU µs per skill call over 127.0.0.1 (process.cpuUsage), this checkout against the source of
  git commit --baseline: echo, edge floor, FAQ skill with the reply cache on and off, response validation on, and
  each lean-edge change on its own.`;

async function bench(args: string[]): Promise<number> {
  if (args.includes('--semantic')) {
    await runSemanticBench(args.filter((a) => a !== '--semantic'));
    return 0;
  }
  if (args.includes('--startup')) return runStartupBench(args.filter((a) => a !== '--startup'));
  if (args.includes('--edge')) return runEdgeBench(args.filter((a) => a !== '--edge'));
  if (args.includes('--reply')) return runReplyBench(args.filter((a) => a !== '--reply'));
  const { values } = parseCommandArgs({
    args,
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      queries: { type: 'string', default: '500' },
      'fuse-queries': { type: 'string' },
      seed: { type: 'string', default: '1' },
      repeat: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => integerOption('sizes', s.trim().replace(/_/g, '')));
  const opts = {
    queries: integerOption('queries', values.queries),
    seed: integerOption('seed', values.seed),
    repeat: integerOption('repeat', values.repeat) - 1,
    ...(values['fuse-queries'] ? { fuseQueries: integerOption('fuse-queries', values['fuse-queries']) } : {}),
    synonyms: parseSynonyms(JSON.parse(readFileSync(SYNONYMS_FILE, 'utf8'))),
  };
  if (!gc) {
    process.stderr.write('[bench] global.gc is not available (run with node --expose-gc): heap figures are approximate\n');
  }

  const results = sizes.map((size) => benchSize(size, opts));
  const targets = results.flatMap(targetsFor);
  const meta = {
    seed: opts.seed,
    queries: opts.queries,
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    gc: gc ? 'exposed' : 'unavailable (heap approximate)',
  };
  if (values.json) {
    const strip = ({ runs: _runs, ...rest }: EngineResult) => rest;
    const sizesOut = results.map((r) => ({ ...r, ours: strip(r.ours), fuse: strip(r.fuse) }));
    console.log(JSON.stringify({ meta, sizes: sizesOut, targets, allPass: targets.every((t) => t.pass) }, null, 2));
  } else {
    printTable(results, targets, meta);
  }
  return values.check && targets.some((t) => !t.pass) ? 1 : 0;
}

export const benchCommand: CliCommand = { name: 'bench', usage: USAGE, run: bench };

