/**
 * `kakao-faq loadtest`: load proof: the real server (a child process, as `npm start` runs it) with a 10,000-entry generated FAQ,
 * against a bare Express 5 echo server, both on 127.0.0.1 only, driven by autocannon for a bounded time.
 *
 *   npm run loadtest -- [--duration 10] [--connections 50] [--entries 10000] [--workers 1,2]
 *                       [--reload-every 2000] [--distinct 20000] [--zipf 1] [--seed 1] [--keep] [--check]
 *
 * For each WORKERS value: an echo run; a run with the reply cache off (REPLY_CACHE_ENTRIES=0, every call
 * matched and built: the matcher's own cost); a run as configured by default (targets: ≥ 80% of echo's
 * req/s, p99 < 50 ms, zero errors and non-2xx); then a reload phase under the same load that rewrites the
 * FAQ file and sends SIGHUP every --reload-every ms (target: zero failed requests; /healthz must show the
 * version change, otherwise the phase says the server does not support reloading instead of passing).
 *
 * Traffic is realistic and varied (src/cli/loadtest/payloads.ts): --distinct different messages
 * (chat-style rewrites, out-of-domain chatter, button presses) with Zipf popularity, from 20,000 users.
 * How many replies came from the reply cache is read from /metrics and printed for every run, so the
 * figures say how much of the throughput is the cache. Each server gets a short warm-up that is not
 * measured; runs against one server go on through the traffic instead of repeating it. `--check` exits 1
 * when a target fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { integerOption, parseCommandArgs, UsageError, type CliCommand } from '../command-line';
import { generateCorpus } from '../corpus';
import type { RunSummary } from './drive';
import { loadTestTraffic } from './payloads';
import { faqVariants, fmt, runMode, WARMUP_SECONDS, type ModeResult } from './run-mode';
import { hitRate, type CacheUse } from './skill-server-probe';
import { table } from '../report/format-report';

const USERS = 20_000;
/** Requests in the traffic sequence; runs against one server go on through it rather than start over. */
const TRAFFIC_BODIES = 150_000;

const USAGE = `usage: kakao-faq loadtest [--duration 10] [--connections 50] [--entries 10000] [--workers 1,2] [--reload-every 2000]
                          [--distinct 20000] [--zipf 1] [--seed 1] [--keep] [--check]
       (npm run loadtest -- …)

  Starts the real server (a child process, as \`npm start\` runs it) on a generated FAQ of --entries entries,
  and a bare Express echo server, on 127.0.0.1 only, and drives each with autocannon for --duration seconds
  at --connections connections, per WORKERS value in --workers: echo, the edge alone, the skill with the reply
  cache off and on, then a reload phase (FAQ rewritten + SIGHUP every --reload-every ms). Traffic: --distinct
  different messages with Zipf popularity (--zipf). --keep keeps the server logs; --check exits 1 when a
  target fails.`;

function printMode(r: ModeResult): void {
  const row = (name: string, s: RunSummary, cache?: CacheUse) => [
    name,
    fmt(s.rps),
    fmt(s.p50),
    fmt(s.p99),
    fmt(s.max),
    String(s.errors),
    String(s.non2xx),
    fmt(s.requests),
    cache ? `${fmt(hitRate(cache) * 100, 0)}%` : '',
  ];
  console.log(`\nWORKERS=${r.workers} (echo server with ${r.workers} process${r.workers > 1 ? 'es' : ''})`);
  console.log(
    table(
      ['run', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx', 'requests', 'cached'],
      [
        row('echo (bare Express 5)', r.echo),
        row('edge only: fixed reply, no matching', r.edgeFloor),
        row('FAQ skill', r.skill.run, r.skill.cache),
        row('FAQ skill, every call matched', r.uncached.run, r.uncached.cache),
        row('FAQ skill + reloads', r.reload.run, r.reload.cache),
      ],
    ),
  );
  const ofEcho = (s: RunSummary) => `${fmt((s.rps / r.echo.rps) * 100, 1)}%`;
  console.log(`skill ÷ echo throughput: ${ofEcho(r.skill.run)} (every call matched: ${ofEcho(r.uncached.run)}; edge only: ${ofEcho(r.edgeFloor)})`);
  const total = Object.values(r.outcomes).reduce((a, b) => a + b, 0);
  console.log(`outcomes served (from /metrics): ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${fmt((v / total) * 100, 1)}%`).join(', ')}`);
  for (const t of r.targets) {
    const verdict = t.pass === 'not tested' ? 'NOT TESTED' : t.pass ? 'PASS' : 'FAIL';
    console.log(`  ${verdict.padEnd(10)} ${t.name}: ${t.actual}`);
  }
}

async function loadtest(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      entries: { type: 'string', default: '10000' },
      workers: { type: 'string', default: '1,2' },
      'reload-every': { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      distinct: { type: 'string', default: '20000' },
      zipf: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const duration = integerOption('duration', values.duration, 1, 120);
  const connections = integerOption('connections', values.connections, 1, 500);
  const entries = integerOption('entries', values.entries, 10, 200_000);
  const reloadEveryMs = integerOption('reload-every', values['reload-every'], 200, 60_000);
  const seed = integerOption('seed', values.seed, 0, 2 ** 31);
  const workerModes = values.workers.split(',').map((w) => integerOption('workers', w.trim(), 1, 16));
  const distinct = integerOption('distinct', values.distinct, 1, 200_000);
  const zipf = Number(values.zipf);
  if (!(zipf >= 0 && zipf <= 3)) throw new UsageError(`--zipf must be a number from 0 to 3, got "${values.zipf}"`);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'kakao-faq-loadtest-'));
  const started = performance.now();
  try {
    process.stderr.write(`[loadtest] generating a ${fmt(entries)}-entry FAQ and request bodies in ${dir}\n`);
    const corpus = generateCorpus({ size: entries, seed });
    const variants = faqVariants(corpus);
    const traffic = loadTestTraffic({ corpus, distinct, count: TRAFFIC_BODIES, seed, users: USERS, zipf });
    const { bodies } = traffic;
    const faqFile = path.join(dir, 'faq.json');

    const results: ModeResult[] = [];
    for (const workers of workerModes) {
      results.push(
        await runMode({ workers, faqFile, variants, bodies, duration, connections, reloadEveryMs, logFile: path.join(dir, `server-workers-${workers}.log`) }),
      );
    }

    const cpus = os.cpus();
    console.log(`Load test: ${fmt(entries)} FAQ entries, ${connections} connections, ${duration} s per run (+${WARMUP_SECONDS} s warm-up), 127.0.0.1 only`);
    console.log(
      `traffic: ${fmt(bodies.length)} requests drawn from ${fmt(distinct)} different messages (Zipf exponent ${zipf}; ${fmt(traffic.repeatShare * 100, 0)}% of them repeat an earlier message), ${fmt(USERS)} users`,
    );
    console.log(`machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, node ${process.version}; autocannon runs in this process on the same cores`);
    results.forEach(printMode);
    console.log(`\nserver logs: ${values.keep ? dir : '(deleted; --keep to keep them and run `npm run report -- --log …`)'}`);
    console.log(`total time: ${fmt((performance.now() - started) / 1000, 0)} s`);

    const failed = results.some((r) => r.targets.some((t) => t.pass === false));
    return values.check && failed ? 1 : 0;
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}

export const loadtestCommand: CliCommand = { name: 'loadtest', usage: USAGE, run: loadtest };
