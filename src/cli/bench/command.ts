/**
 * `kakao-faq bench`: speed and memory of our matcher against plain fuse.js, on synthetic corpora built in memory (one run, one
 * machine, same corpus and same queries for both engines).
 *
 *   npm run bench -- [--sizes 10000,100000] [--queries 500] [--fuse-queries N] [--seed 1] [--repeat 1]
 *                    [--json] [--check]
 *   npm run bench -- --semantic [--entries 10000[,100000]] …   entry-vector figures (src/cli/bench/semantic-bench.ts)
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
import path from 'node:path';
import { parseSynonyms } from '../../matcher';
import { integerOption, parseCommandArgs, type CliCommand } from '../command-line';
import { printTable } from './bench-table';
import { benchSize, gc, targetsFor, type EngineResult } from './matcher-bench';
import { runSemanticBench } from './semantic-bench';

const SYNONYMS_FILE = path.resolve(__dirname, '../../../data/synonyms.json');

const USAGE = `usage: kakao-faq bench [--sizes 10000,100000] [--queries 500] [--fuse-queries N] [--seed 1] [--repeat 1] [--json] [--check]
       kakao-faq bench --semantic [--entries 10000[,100000]] [--queries 300] [--seed 1] [--cache-dir DIR] [--json]
       (npm run bench -- …)

  Times our matcher against plain fuse.js on synthetic corpora of each size (same corpus, same queries):
  build time, heap, query p50/p99/max and agreement, then the design targets. Plain fuse.js runs only the
  first --fuse-queries queries at large sizes. --repeat N (odd, e.g. 5) also reports each query's median.
  --check exits 1 when a target fails. --json prints the figures as JSON (progress goes to stderr).
  --semantic: entry-vector build, cache and nearest-neighbour figures with the local model server.`;

async function bench(args: string[]): Promise<number> {
  if (args.includes('--semantic')) {
    await runSemanticBench(args.filter((a) => a !== '--semantic'));
    return 0;
  }
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

