/**
 * `kakao-faq loadtest`: load proof, all rows in one run: the real server (a child process, as `npm start` runs
 * it) on a generated FAQ (10,000 entries), against a bare Express 5 echo server, the edge floor (the real app
 * with a fixed reply) and a naive Express + fuse.js skill over the same entries, all on 127.0.0.1 only, driven
 * by autocannon for a bounded time.
 *
 *   npm run loadtest -- [--duration 10] [--connections 50] [--entries 10000] [--reload-entries 100000]
 *                       [--workers 1,2] [--reload-every 2000] [--distinct 20000] [--zipf 1] [--seed 1] [--semantic] [--keep] [--check]
 *
 * For each WORKERS value (run-mode.ts): echo, edge floor, fuse.js, the FAQ skill with the reply cache off and
 * on, then the reload phase (reload-phase.ts) on its own server and FAQ of --reload-entries entries (100,000
 * by default; --entries when only that is given), rewritten + SIGHUP every --reload-every ms under the same
 * load. Every row has CPU µs per request of the server process and its workers, read from /proc
 * (proc-cpu.ts), and its share of the echo; the load average is printed at the start and end. Targets
 * (targets.ts) print as PASS / FAIL; `--check` exits 1 when one fails.
 *
 * Traffic is realistic and varied (payloads.ts): --distinct different messages (chat-style rewrites,
 * out-of-domain chatter, button presses) with Zipf popularity, from 20,000 users. How many replies came
 * from the reply cache is read from /metrics. Each server gets a short warm-up that is not measured. The FAQ
 * servers match lexically (SEMANTIC=off): the local model server is their child process, so its CPU (and a
 * background build of entry vectors) would count in CPU per request; --semantic keeps the environment's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { integerOption, parseCommandArgs, UsageError, type CliCommand } from '../command-line';
import { generateCorpus } from '../corpus';
import { loadTestTraffic } from './payloads';
import { loadAverage } from './proc-cpu';
import { formatHeader, formatMode } from './report-table';
import { fmt, runMode, type FaqLoad, type ModeResult } from './run-mode';
import { faqVariants } from './reload-phase';
import { WARMUP_SECONDS } from './servers';

const USERS = 20_000;
/** Requests in the traffic sequence; runs against one server go on through it rather than start over. */
const TRAFFIC_BODIES = 150_000;
const DEFAULT_ENTRIES = 10_000;
const DEFAULT_RELOAD_ENTRIES = 100_000;

const USAGE = `usage: kakao-faq loadtest [--duration 10] [--connections 50] [--entries 10000] [--reload-entries 100000]
                          [--workers 1,2] [--reload-every 2000] [--distinct 20000] [--zipf 1] [--seed 1] [--semantic] [--keep] [--check]
       (npm run loadtest -- …)

  Starts the real server (a child process, as \`npm start\` runs it) on a generated FAQ of --entries entries, a
  bare Express echo server, the edge alone (fixed reply) and a naive Express + fuse.js skill, on 127.0.0.1
  only, and drives each with autocannon for --duration seconds at --connections connections, per WORKERS
  value in --workers: echo, edge, fuse.js, the skill with the reply cache off and on, then a reload phase on
  a FAQ of --reload-entries entries (default 100,000, or --entries when only that is given; rewritten +
  SIGHUP every --reload-every ms). Prints CPU µs per request (from /proc) and each row's share of the echo.
  Traffic: --distinct different messages with Zipf popularity (--zipf). The FAQ servers match lexically
  (SEMANTIC=off) unless --semantic keeps the environment's SEMANTIC. --keep keeps the server logs;
  --check exits 1 when a target fails.`;

/** A generated FAQ of `entries` entries, its two file versions and its traffic. */
function faqLoad(entries: number, traffic: { distinct: number; seed: number; zipf: number }): FaqLoad & { repeatShare: number } {
  const corpus = generateCorpus({ size: entries, seed: traffic.seed });
  const { bodies, repeatShare } = loadTestTraffic({ corpus, count: TRAFFIC_BODIES, users: USERS, ...traffic });
  return { entries, variants: faqVariants(corpus), bodies, repeatShare };
}

async function loadtest(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      entries: { type: 'string' },
      'reload-entries': { type: 'string' },
      workers: { type: 'string', default: '1,2' },
      'reload-every': { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      distinct: { type: 'string', default: '20000' },
      zipf: { type: 'string', default: '1' },
      semantic: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const duration = integerOption('duration', values.duration, 1, 120);
  const connections = integerOption('connections', values.connections, 1, 500);
  const entries = values.entries === undefined ? DEFAULT_ENTRIES : integerOption('entries', values.entries, 10, 200_000);
  const reloadEntries =
    values['reload-entries'] !== undefined
      ? integerOption('reload-entries', values['reload-entries'], 10, 200_000)
      : values.entries !== undefined
        ? entries
        : DEFAULT_RELOAD_ENTRIES;
  const reloadEveryMs = integerOption('reload-every', values['reload-every'], 200, 60_000);
  const seed = integerOption('seed', values.seed, 0, 2 ** 31);
  const workerModes = values.workers.split(',').map((w) => integerOption('workers', w.trim(), 1, 16));
  const distinct = integerOption('distinct', values.distinct, 1, 200_000);
  const zipf = Number(values.zipf);
  if (!(zipf >= 0 && zipf <= 3)) throw new UsageError(`--zipf must be a number from 0 to 3, got "${values.zipf}"`);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'kakao-faq-loadtest-'));
  const started = performance.now();
  const loadAtStart = loadAverage();
  try {
    process.stderr.write(`[loadtest] generating a ${fmt(entries)}-entry FAQ and request bodies in ${dir}\n`);
    const trafficOptions = { distinct, seed, zipf };
    const faq = faqLoad(entries, trafficOptions);
    if (reloadEntries !== entries) process.stderr.write(`[loadtest] generating the ${fmt(reloadEntries)}-entry FAQ of the reload phase\n`);
    const reloadFaq = reloadEntries === entries ? faq : faqLoad(reloadEntries, trafficOptions);

    const results: ModeResult[] = [];
    for (const workers of workerModes) {
      results.push(
        await runMode({
          workers,
          faqFile: path.join(dir, 'faq.json'),
          faq,
          reloadFaq,
          reloadFaqFile: path.join(dir, 'faq-reload.json'),
          duration,
          connections,
          reloadEveryMs,
          logFile: path.join(dir, `server-workers-${workers}.log`),
          serverEnv: values.semantic ? {} : { SEMANTIC: 'off' },
        }),
      );
    }

    const cpus = os.cpus();
    const header = formatHeader({
      entries,
      reloadEntries,
      connections,
      duration,
      warmupSeconds: WARMUP_SECONDS,
      traffic: `${fmt(faq.bodies.length)} requests drawn from ${fmt(distinct)} different messages (Zipf exponent ${zipf}; ${fmt(faq.repeatShare * 100, 0)}% of them repeat an earlier message), ${fmt(USERS)} users`,
      machine: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, node ${process.version}`,
      matching: values.semantic ? 'as the environment sets SEMANTIC (--semantic); entry vectors may still be building during a run' : 'lexical (SEMANTIC=off; --semantic keeps the environment\'s)',
      loadAverage: { start: loadAtStart, end: loadAverage() },
    });
    for (const line of [...header, ...results.flatMap(formatMode)]) console.log(line);
    console.log(`\nserver logs: ${values.keep ? dir : '(deleted; --keep to keep them and run `npm run report -- --log …`)'}`);
    console.log(`total time: ${fmt((performance.now() - started) / 1000, 0)} s`);

    const failed = results.some((r) => r.targets.some((t) => t.pass === false));
    return values.check && failed ? 1 : 0;
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}

export const loadtestCommand: CliCommand = { name: 'loadtest', usage: USAGE, run: loadtest };
