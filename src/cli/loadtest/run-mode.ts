/**
 * One WORKERS value of `kakao-faq loadtest`: the echo server, the edge floor, the skill server with the reply
 * cache off and on, and the reload phase, each under the same traffic, with the targets judged.
 */
import { rename, writeFile } from 'node:fs/promises';
import { FaqFileSchema } from '../../faq/faq-schema';
import { DEFAULT_SKILL_SECRET_HEADER } from '../../skill-secret-env';
import type { FaqEntryLike } from '../corpus';
import { drive, type RunSummary } from './drive';
import { healthVersion, hitRate, measured, skillCounters, waitForListening, type CacheUse, type SkillRun } from './skill-server-probe';
import { freePort, type RunningServer, startServer } from '../../../test/harness';

const SECRET = 'loadtest-secret-0123456789';
export const WARMUP_SECONDS = 3;

export interface Target { name: string; actual: string; pass: boolean | 'not tested' }

interface ReloadPhase { run: RunSummary; reloads: number; versionsSeen: string[]; supported: boolean }

export interface ModeResult {
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

export const fmt = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Two serialised variants of the FAQ file that differ in one answer, so each rewrite is a new version. */
export function faqVariants(corpus: readonly FaqEntryLike[]): [string, string] {
  const a = FaqFileSchema.parse({ schemaVersion: 1, entries: corpus });
  const changed = corpus.map((e, i) => (i === 0 ? { ...e, answer: `${e.answer} (업데이트됨)` } : e));
  const b = FaqFileSchema.parse({ schemaVersion: 1, entries: changed });
  return [`${JSON.stringify(a)}\n`, `${JSON.stringify(b)}\n`];
}

export async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, 'utf8');
  await rename(`${file}.tmp`, file);
}

export async function runMode(options: {
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
  const headers = { [DEFAULT_SKILL_SECRET_HEADER]: SECRET };

  say('starting the echo server');
  const echo = await startServer({ WORKERS: String(workers) }, { entry: 'src/cli/loadtest/echo-server.ts', inheritEnv: true });
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
    const server = await startServer(
      {
        WORKERS: String(workers),
        FAQ_FILE: options.faqFile,
        SKILL_SECRET: SECRET,
        USER_KEY_SALT: 'loadtest-salt-0123456789',
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'info',
        ...env,
      },
      // the operator's environment, as `npm start` would see it
      { inheritEnv: true, logFile, startTimeoutMs: 120_000, entry },
    );
    // /healthz answers as soon as one worker listens; wait until every worker has built its index.
    await waitForListening(logFile, workers);
    return { server, metricsPort };
  };
  const stopSkillServer = async (server: RunningServer) => {
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
