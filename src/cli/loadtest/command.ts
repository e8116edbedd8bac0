/**
 * Load proof: the real server (a child process, as `npm start` runs it) with a 10,000-entry generated FAQ,
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
import { mkdtemp, readFile, rm, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FaqFileSchema } from '../../faq/faq-schema';
import { generateCorpus, type FaqEntryLike } from '../corpus';
import { drive, type RunSummary } from './drive';
import { loadTestTraffic } from './payloads';
import { table } from '../report/format-report';
import { freePort, startServerProcess, type ServerProcess } from '../../../test/harness/server-process';

const SECRET = 'loadtest-secret-0123456789';
const WARMUP_SECONDS = 3;
const USERS = 20_000;
/** Requests in the traffic sequence; runs against one server go on through it rather than start over. */
const TRAFFIC_BODIES = 150_000;

interface Target { name: string; actual: string; pass: boolean | 'not tested' }

interface ReloadPhase { run: RunSummary; reloads: number; versionsSeen: string[]; supported: boolean }

interface CacheUse { hits: number; misses: number }

/** A run against the skill server, with what /metrics says happened during it. */
interface SkillRun { run: RunSummary; cache: CacheUse }

interface ModeResult {
  workers: number;
  echo: RunSummary;
  /** The real HTTP app around a skill with one fixed reply: the edge's own cost, no matching. */
  edgeFloor: RunSummary;
  skill: SkillRun;
  /** The same load with REPLY_CACHE_ENTRIES=0: every call matched and built. */
  uncached: SkillRun;
  reload: ReloadPhase & { cache: CacheUse };
  outcomes: Record<string, number>;
  targets: Target[];
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Every string found under a "version" key in /healthz, whatever shape the health answer takes. */
function versionsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => versionsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'version' && typeof v === 'string') out.push(v);
      else versionsIn(v, out);
    }
  }
  return out;
}

async function healthVersion(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/healthz`);
  return versionsIn(await res.json()).sort().join(',');
}

/** Two serialised variants of the FAQ file that differ in one answer, so each rewrite is a new version. */
function faqVariants(corpus: readonly FaqEntryLike[]): [string, string] {
  const a = FaqFileSchema.parse({ schemaVersion: 1, entries: corpus });
  const changed = corpus.map((e, i) => (i === 0 ? { ...e, answer: `${e.answer} (업데이트됨)` } : e));
  const b = FaqFileSchema.parse({ schemaVersion: 1, entries: changed });
  return [`${JSON.stringify(a)}\n`, `${JSON.stringify(b)}\n`];
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, 'utf8');
  await rename(`${file}.tmp`, file);
}

/** Waits until the server log shows `count` "listening" lines (one per worker). */
async function waitForListening(logFile: string, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await readFile(logFile, 'utf8')).split('"msg":"listening"').length - 1 < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} workers listening after ${timeoutMs} ms (see ${logFile})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface SkillCounters { outcomes: Record<string, number>; cache: CacheUse }

/** Outcome and reply-cache counters from the server's /metrics (summed over workers by the primary). */
async function skillCounters(metricsPort: number): Promise<SkillCounters> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(/^kakao_faq_skill_calls_total\{skill="faq",outcome="([^"]+)"\} (\d+)/gm)) {
    outcomes[match[1]!] = Number(match[2]);
  }
  const lookups = (result: string) => Number(new RegExp(`^kakao_faq_reply_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { outcomes, cache: { hits: lookups('hit'), misses: lookups('miss') } };
}

/** Runs `run` and returns its summary with the reply-cache lookups it caused. */
async function measured(metricsPort: number, run: () => Promise<RunSummary>): Promise<SkillRun> {
  const before = (await skillCounters(metricsPort)).cache;
  const summary = await run();
  const after = (await skillCounters(metricsPort)).cache;
  return { run: summary, cache: { hits: after.hits - before.hits, misses: after.misses - before.misses } };
}

const hitRate = (c: CacheUse) => (c.hits + c.misses === 0 ? 0 : c.hits / (c.hits + c.misses));

async function runMode(options: {
  workers: number;
  faqFile: string;
  variants: [string, string];
  bodies: string[];
  duration: number;
  connections: number;
  reloadEveryMs: number;
  logFile: string;
}): Promise<ModeResult> {
  const { workers, duration, connections } = options;
  const say = (msg: string) => process.stderr.write(`[loadtest WORKERS=${workers}] ${msg}\n`);
  const load = (baseUrl: string, seconds: number, cursor: { next: number }, headers: Record<string, string> = {}) =>
    drive({ baseUrl, path: '/skill/faq', bodies: options.bodies, headers, connections, duration: seconds, cursor });
  const headers = { 'x-skill-secret': SECRET };

  say('starting the echo server');
  const echo = await startServerProcess({ entry: 'src/cli/loadtest/echo-server.ts', env: { ECHO_WORKERS: String(workers) } });
  let echoRun: RunSummary;
  try {
    const cursor = { next: 0 };
    await load(echo.baseUrl, WARMUP_SECONDS, cursor);
    say(`echo: ${duration} s at ${connections} connections`);
    echoRun = await load(echo.baseUrl, duration, cursor);
  } finally {
    await echo.stop();
  }

  /**
   * The real server (WORKERS as given) on the 10k FAQ, or `entry` configured the same way; resolves once
   * every worker has built its index.
   */
  const startSkillServer = async (env: Record<string, string>, logFile: string, entry?: string) => {
    const metricsPort = await freePort();
    const server = await startServerProcess({
      env: {
        WORKERS: String(workers),
        FAQ_FILE: options.faqFile,
        SKILL_SECRET: SECRET,
        USER_KEY_SALT: 'loadtest-salt-0123456789',
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
        ...env,
      },
      logFile,
      startTimeoutMs: 120_000,
      ...(entry ? { entry } : {}),
    });
    // /healthz answers as soon as one worker listens; wait until every worker has built its index.
    await waitForListening(logFile, workers);
    return { server, metricsPort };
  };
  const stopSkillServer = async (server: ServerProcess) => {
    const code = await server.stop('SIGTERM');
    if (code !== 0) say(`server exited with code ${code} on SIGTERM`);
  };

  say('starting the edge-floor server (the real app, a fixed reply, no matching)');
  let edgeFloor: RunSummary;
  {
    const { server } = await startSkillServer({}, `${options.logFile}.edge-floor`, 'src/cli/loadtest/edge-floor-server.ts');
    try {
      const cursor = { next: 0 };
      await load(server.baseUrl, WARMUP_SECONDS, cursor, headers);
      say(`edge floor: ${duration} s at ${connections} connections`);
      edgeFloor = await load(server.baseUrl, duration, cursor, headers);
    } finally {
      await stopSkillServer(server);
    }
  }

  await writeAtomically(options.faqFile, options.variants[0]);
  say('starting the FAQ server with REPLY_CACHE_ENTRIES=0 (10k-entry index build takes a few seconds)');
  let uncached: SkillRun;
  {
    const { server, metricsPort } = await startSkillServer({ REPLY_CACHE_ENTRIES: '0' }, `${options.logFile}.uncached`);
    try {
      const cursor = { next: 0 };
      await load(server.baseUrl, WARMUP_SECONDS, cursor, headers);
      say(`skill, every call matched: ${duration} s at ${connections} connections`);
      uncached = await measured(metricsPort, () => load(server.baseUrl, duration, cursor, headers));
    } finally {
      await stopSkillServer(server);
    }
  }

  say('starting the FAQ server as configured by default (reply cache on)');
  const { server, metricsPort } = await startSkillServer({}, options.logFile);
  try {
    const cursor = { next: 0 };
    await load(server.baseUrl, WARMUP_SECONDS, cursor, headers);
    say(`skill: ${duration} s at ${connections} connections`);
    const skillRun = await measured(metricsPort, () => load(server.baseUrl, duration, cursor, headers));

    say(`reload phase: ${duration} s of load, FAQ rewritten + SIGHUP every ${options.reloadEveryMs} ms`);
    const before = await healthVersion(server.baseUrl);
    const versionsSeen = new Set<string>([before]);
    let reloads = 0;
    let stop = false;
    const reloading = (async () => {
      // One cycle per --reload-every: rewrite + SIGHUP, then look at /healthz halfway to the next one.
      const half = () => new Promise((resolve) => setTimeout(resolve, options.reloadEveryMs / 2));
      await half();
      while (!stop) {
        reloads += 1;
        await writeAtomically(options.faqFile, options.variants[reloads % 2]!);
        server.child.kill('SIGHUP');
        await half();
        versionsSeen.add(await healthVersion(server.baseUrl).catch(() => 'unreachable'));
        await half();
      }
    })();
    const reloadRun = await measured(metricsPort, () => load(server.baseUrl, duration, cursor, headers));
    stop = true;
    await reloading;
    // A reload may still be building after the load ends; look once more.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    versionsSeen.add(await healthVersion(server.baseUrl));
    const { outcomes } = await skillCounters(metricsPort);
    const supported = [...versionsSeen].filter((v) => v !== 'unreachable').length > 1;

    const skill = skillRun.run;
    const ratio = skill.rps / echoRun.rps;
    const reloadFailures = reloadRun.run.errors + reloadRun.run.non2xx;
    const targets: Target[] = [
      { name: 'throughput ≥ 80% of echo', actual: `${fmt(ratio * 100, 1)}% (${fmt(hitRate(skillRun.cache) * 100, 0)}% of replies from the cache)`, pass: ratio >= 0.8 },
      { name: 'p99 < 50 ms at 50 connections', actual: `${fmt(skill.p99)} ms (${connections} conn.)`, pass: skill.p99 < 50 },
      {
        name: 'zero errors and non-2xx',
        actual: `${skill.errors} errors, ${skill.non2xx} non-2xx (every-call-matched run: ${uncached.run.errors}, ${uncached.run.non2xx})`,
        pass: skill.errors + skill.non2xx + uncached.run.errors + uncached.run.non2xx === 0,
      },
      {
        name: 'reload under load: zero failed requests',
        actual: supported
          ? `${reloads} reloads, ${versionsSeen.size} versions seen, ${reloadFailures} failed`
          : `reload not supported by this server (/healthz version stayed ${before} after ${reloads} rewrites + SIGHUPs); ${reloadFailures} failed`,
        pass: supported ? reloadFailures === 0 : 'not tested',
      },
    ];
    return {
      workers,
      echo: echoRun,
      edgeFloor,
      skill: skillRun,
      uncached,
      reload: { run: reloadRun.run, cache: reloadRun.cache, reloads, versionsSeen: [...versionsSeen], supported },
      outcomes,
      targets,
    };
  } finally {
    await stopSkillServer(server);
  }
}

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

async function main(): Promise<void> {
  const { values } = parseArgs({
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
  const int = (name: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
    return n;
  };
  const duration = int('duration', values.duration, 1, 120);
  const connections = int('connections', values.connections, 1, 500);
  const entries = int('entries', values.entries, 10, 200_000);
  const reloadEveryMs = int('reload-every', values['reload-every'], 200, 60_000);
  const seed = int('seed', values.seed, 0, 2 ** 31);
  const workerModes = values.workers.split(',').map((w) => int('workers', w.trim(), 1, 16));
  const distinct = int('distinct', values.distinct, 1, 200_000);
  const zipf = Number(values.zipf);
  if (!(zipf >= 0 && zipf <= 3)) throw new Error(`--zipf must be a number from 0 to 3, got "${values.zipf}"`);

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
    if (values.check && failed) process.exitCode = 1;
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
