/**
 * `kakao-faq bench --reply`: what an uncached FAQ skill call costs, this checkout against a baseline, in one run.
 * The baseline is the source tree of a git commit (`--baseline`, default HEAD: the last commit, so uncommitted
 * work is measured against it; after committing, name the commit before). Each side runs in its own process
 * (./reply-bench-side.ts) on the same bundled FAQ, the same synthetic corpus and the same messages, and the sides
 * alternate for `--rounds` rounds so that a busy machine disturbs both alike. Prints CPU µs per call (the
 * fastest pass, and the median) and the top functions of a CPU profile of each side's last round. Each side runs
 * its tree compiled by tsc as `npm start` runs it: under tsx, every call of a function imported from another
 * module goes through a getter that the compiled code does not have, which weighs on the hottest loops.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childProcessEnv } from '../../config';
import { FAQ_FILE, kakaoPayload, ROOT, SYNONYMS_FILE } from '../../../test/harness';
import { generateCorpus, generateQueries } from '../corpus';
import { integerOption, parseCommandArgs } from '../command-line';
import type { SideResult } from './reply-bench-side';

const SIDE_FILE = path.join(__dirname, 'reply-bench-side.ts');

export const REPLY_BENCH_USAGE = `       kakao-faq bench --reply [--entries 10000] [--queries 2000] [--seed 1] [--passes 3] [--rounds 2] [--baseline HEAD] [--json]`;

export async function runReplyBench(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      entries: { type: 'string', default: '10000' },
      queries: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      passes: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      baseline: { type: 'string', default: 'HEAD' },
      json: { type: 'boolean', default: false },
    },
  });
  const entries = integerOption('entries', values.entries);
  const seed = integerOption('seed', values.seed);
  const rounds = integerOption('rounds', values.rounds);
  const work = mkdtempSync(path.join(os.tmpdir(), 'kakao-faq-reply-bench-'));
  try {
    process.stderr.write(`[bench --reply] corpus of ${entries} entries, baseline ${values.baseline}\n`);
    const corpus = generateCorpus({ size: entries, seed });
    const corpusFile = path.join(work, 'corpus.json');
    writeFileSync(corpusFile, JSON.stringify({ schemaVersion: 1, entries: corpus }));
    const queries = generateQueries({ corpus, count: integerOption('queries', values.queries), seed: seed + 1 }).map((q) => q.utterance);
    const input = {
      corpora: [
        { name: 'bundled', faqFile: FAQ_FILE, payloads: bundledMessages().map((m) => kakaoPayload(m)) },
        { name: `synthetic`, faqFile: corpusFile, payloads: queries.map((m) => kakaoPayload(m)) },
      ],
      synonymsFile: SYNONYMS_FILE,
      passes: integerOption('passes', values.passes),
    };
    const baselineBuild = compileTree(extractBaseline(values.baseline, work), path.join(work, 'baseline-js'), `the baseline ${values.baseline}`);
    const currentBuild = compileTree(ROOT, path.join(work, 'current-js'), 'this checkout');
    const sides = { baseline: [] as SideResult[], current: [] as SideResult[] };
    for (let round = 0; round < rounds; round++) {
      const profile = round === rounds - 1;
      sides.baseline.push(runSide(baselineBuild, { ...input, profile }, work));
      sides.current.push(runSide(currentBuild, { ...input, profile }, work));
    }
    const report = summarise(sides.baseline, sides.current);
    if (values.json) console.log(JSON.stringify({ baseline: values.baseline, ...report }, null, 2));
    else printReport(values.baseline, report);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Typed messages of the labelled sets: the dev set and the matcher cases. */
function bundledMessages(): string[] {
  return ['dev.jsonl', 'matcher-cases.jsonl'].flatMap((file) =>
    readFileSync(path.join(ROOT, 'test/fixtures', file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { utterance: string }).utterance),
  );
}

/** The source tree of `ref` (`paths`: src, skills and the two tsconfig files) in `work`/baseline; the checkout is not touched. */
export function extractBaseline(ref: string, work: string, paths: readonly string[] = ['src', 'skills', 'tsconfig.json', 'tsconfig.build.json']): string {
  const dir = path.join(work, 'baseline');
  const tar = path.join(work, 'baseline.tar');
  execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', '-o', tar, ref, ...paths]);
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  return dir;
}

/**
 * Compiles the tree at `root` into `out` by its own `tsconfig.build.json` (what `npm run build` compiles, with
 * the same options), without type checking (a baseline is any commit, and the extracted tree has no
 * node_modules for its type libraries); returns `out`. `side` names the tree in
 * the error when tsc fails; tsc's own messages go to stderr (stdout may be `--json`).
 */
function compileTree(root: string, out: string, side: string): string {
  const config = path.join(path.dirname(out), `${path.basename(out)}.tsconfig.json`);
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(root, 'tsconfig.build.json'),
      compilerOptions: { outDir: out, rootDir: root, noCheck: true, sourceMap: false, tsBuildInfoFile: `${out}.tsbuildinfo`, types: [] },
    }),
  );
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config], { cwd: ROOT, stdio: ['ignore', 2, 'inherit'] });
  } catch {
    throw new Error(`bench --reply: tsc could not compile ${side} (its messages are above)`);
  }
  return out;
}

function runSide(root: string, input: object, work: string): SideResult {
  const inputFile = path.join(work, 'input.json');
  writeFileSync(inputFile, JSON.stringify(input));
  // the baseline tree has no node_modules of its own: it resolves packages from this checkout's
  const env = childProcessEnv({ NODE_PATH: path.join(ROOT, 'node_modules') });
  const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', SIDE_FILE, root, inputFile], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8').trim().split('\n').pop()!) as SideResult;
}

interface CorpusFigures {
  name: string;
  entries: number;
  calls: number;
  outcomes: Record<string, number>;
  baseline: { best: number; median: number };
  current: { best: number; median: number };
  /** current ÷ baseline, fastest passes. */
  ratio: number;
}

interface Report {
  corpora: CorpusFigures[];
  top: { baseline: SideResult['top']; current: SideResult['top'] };
}

function figures(samples: number[]): { best: number; median: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { best: sorted[0] ?? NaN, median: sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN };
}

function summarise(baseline: SideResult[], current: SideResult[]): Report {
  const corpora = current[0]!.corpora.map((c, i) => {
    const before = figures(baseline.flatMap((r) => r.corpora[i]!.usPerCall));
    const after = figures(current.flatMap((r) => r.corpora[i]!.usPerCall));
    return { name: c.name, entries: c.entries, calls: c.calls, outcomes: c.outcomes, baseline: before, current: after, ratio: after.best / before.best };
  });
  return { corpora, top: { baseline: baseline[baseline.length - 1]!.top, current: current[current.length - 1]!.top } };
}

function printReport(ref: string, report: Report): void {
  const us = (f: { best: number; median: number }) => `${f.best.toFixed(0)} (${f.median.toFixed(0)})`.padStart(14);
  console.log(`FAQ skill handle(), no reply cache: CPU µs per call, fastest pass (median), baseline = ${ref}`);
  console.log(`${'corpus'.padEnd(10)}${'entries'.padStart(8)}${'calls'.padStart(7)}${'baseline'.padStart(14)}${'this tree'.padStart(14)}${'ratio'.padStart(8)}  outcomes`);
  for (const c of report.corpora) {
    const outcomes = Object.entries(c.outcomes).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`${c.name.padEnd(10)}${String(c.entries).padStart(8)}${String(c.calls).padStart(7)}${us(c.baseline)}${us(c.current)}${`×${c.ratio.toFixed(2)}`.padStart(8)}  ${outcomes}`);
  }
  for (const [side, top] of [['this tree', report.top.current], [`baseline ${ref}`, report.top.baseline]] as const) {
    console.log(`\ntop functions by self time, ${side} (last round, both corpora):`);
    for (const t of top) console.log(`  ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.fn}`);
  }
  console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs: a busy machine slows both sides alike`);
}
