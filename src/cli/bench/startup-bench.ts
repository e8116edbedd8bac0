/**
 * `kakao-faq bench --startup`: how long the real server takes from spawn to a healthy `/healthz`, and how much
 * memory each serving process holds, with a generated FAQ of N entries against the bundled FAQ in the same
 * run (the baseline), for WORKERS=1 and 2, lexical matching, default limits (no FAQ_MAX_BYTES: the default is
 * what is measured).
 *
 *   npm run bench -- --startup [--entries 100000] [--workers 1,2] [--seed 1] [--json] [--check]
 *
 * Memory comes from /proc/<pid>/status: VmRSS (now) and VmHWM (the peak, which start-up sets) of every
 * process that serves requests (the server itself with WORKERS=1, each worker with more), and the CPU time
 * each used to get there from /proc/<pid>/stat: on a busy machine the wall time grows with the others' load,
 * the CPU time does not. `--check` exits 1 when a target fails (start under 10 s, peak RSS under 1 GB per worker).
 */
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFaqFile } from '../../faq-admin/write-faq';
import { FAQ_FILE, startServer } from '../../../test/harness';
import { integerOption, parseCommandArgs } from '../command-line';
import { processCpuMicros } from '../loadtest/proc-cpu';
import { generateCorpus } from '../corpus';

export const STARTUP_TARGET_MS = 10_000;
export const WORKER_RSS_TARGET_BYTES = 1024 * 1024 * 1024;

export interface ProcessUsage {
  pid: number;
  rssBytes: number;
  peakRssBytes: number;
  /** CPU time the process has used (user + system): start-up's cost, which other processes' load does not inflate. */
  cpuMs: number;
}

export interface StartupResult {
  faq: string;
  entries: number;
  fileBytes: number;
  workers: number;
  /** Spawn to the first 200 from /healthz. */
  healthyMs: number;
  /** Spawn to the last worker's "listening" line (the same as healthyMs with one worker, up to the poll). */
  allListeningMs: number;
  /** The processes that serve requests; with WORKERS > 1 the primary is reported apart. */
  serving: ProcessUsage[];
  primary: ProcessUsage | undefined;
}

/** VmRSS and VmHWM (bytes) and CPU time used so far of a running process (Linux /proc). */
export async function processUsage(pid: number): Promise<ProcessUsage> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  const cpuMs = processCpuMicros(pid) / 1000;
  return { pid, rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM'), cpuMs };
}

/** Direct children of `pid` (the cluster's workers), from /proc/<pid>/task/<tid>/children. */
async function childPids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`);
  const lists = await Promise.all(tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((list) => list.trim().split(/\s+/).filter(Boolean).map(Number));
}

/** Starts the real server on `faqFile`, waits until every worker listens, reads its memory and stops it. */
export async function measureStartup(faq: { label: string; file: string; entries: number }, workers: number): Promise<StartupResult> {
  const started = performance.now();
  const server = await startServer({ FAQ_FILE: faq.file, WORKERS: String(workers) }, { startTimeoutMs: 120_000 });
  const healthyMs = performance.now() - started;
  try {
    const listening = () => server.lines.filter((l) => l.msg === 'listening').length;
    while (listening() < workers) await new Promise((resolve) => setTimeout(resolve, 20));
    const allListeningMs = performance.now() - started;
    const pid = server.child.pid!;
    const serving = workers > 1 ? await Promise.all((await childPids(pid)).map(processUsage)) : [await processUsage(pid)];
    const primary = workers > 1 ? await processUsage(pid) : undefined;
    const fileBytes = (await stat(faq.file)).size;
    return { faq: faq.label, entries: faq.entries, fileBytes, workers, healthyMs, allListeningMs, serving, primary };
  } finally {
    await server.stop();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const sec = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;

function printStartup(results: readonly StartupResult[]): void {
  console.log('faq                      workers  file     healthy   all listening  CPU per worker   per worker RSS now / peak        primary RSS');
  for (const r of results) {
    const perWorker = r.serving.map((p) => `${mb(p.rssBytes)} / ${mb(p.peakRssBytes)}`).join(', ');
    const cpu = r.serving.map((p) => sec(p.cpuMs)).join(', ');
    const cells = [r.faq.padEnd(24), String(r.workers).padEnd(8), mb(r.fileBytes).padEnd(8), sec(r.healthyMs).padEnd(9), sec(r.allListeningMs).padEnd(14), cpu.padEnd(16), perWorker.padEnd(32), r.primary ? mb(r.primary.rssBytes) : '-'];
    console.log(cells.join(' '));
  }
}

/** The targets of issue 15 for every measured row (the bundled baseline included). */
export function startupTargets(results: readonly StartupResult[]): { name: string; pass: boolean }[] {
  return results.flatMap((r) => [
    { name: `${r.faq}, WORKERS=${r.workers}: start to /healthz under 10 s (${sec(r.allListeningMs)})`, pass: r.allListeningMs < STARTUP_TARGET_MS },
    {
      name: `${r.faq}, WORKERS=${r.workers}: peak RSS per worker under 1 GB (${r.serving.map((p) => mb(p.peakRssBytes)).join(', ')})`,
      pass: r.serving.length === r.workers && r.serving.every((p) => p.peakRssBytes < WORKER_RSS_TARGET_BYTES),
    },
  ]);
}

export async function runStartupBench(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      entries: { type: 'string', default: '100000' },
      workers: { type: 'string', default: '1,2' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const entries = integerOption('entries', values.entries.replace(/_/g, ''));
  const seed = integerOption('seed', values.seed, 0);
  const workerCounts = values.workers.split(',').map((w) => integerOption('workers', w.trim(), 1, 64));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kakao-faq-startup-'));
  try {
    const file = path.join(dir, `faq-${entries}.json`);
    process.stderr.write(`[bench] writing a ${entries}-entry corpus (seed ${seed}) to ${file}\n`);
    await writeFaqFile(file, generateCorpus({ size: entries, seed }));
    const bundled = JSON.parse(await readFile(FAQ_FILE, 'utf8')) as { entries: unknown[] };
    const faqs = [
      { label: `bundled (${bundled.entries.length})`, file: FAQ_FILE, entries: bundled.entries.length },
      { label: `corpus (${entries})`, file, entries },
    ];
    const results: StartupResult[] = [];
    for (const workers of workerCounts) {
      for (const faq of faqs) {
        process.stderr.write(`[bench] starting the server: ${faq.label}, WORKERS=${workers}\n`);
        results.push(await measureStartup(faq, workers));
      }
    }
    const targets = startupTargets(results);
    const meta = { node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((l) => l.toFixed(2)).join(' ') };
    if (values.json) {
      console.log(JSON.stringify({ meta, results, targets, allPass: targets.every((t) => t.pass) }, null, 2));
    } else {
      printStartup(results);
      console.log(`\nnode ${meta.node}, ${meta.cpus} CPUs, load average ${meta.loadavg} (other processes disturb the figures)`);
      for (const t of targets) console.log(`${t.pass ? 'PASS' : 'FAIL'}  ${t.name}`);
    }
    return values.check && targets.some((t) => !t.pass) ? 1 : 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
