/**
 * One WORKERS value of `kakao-faq loadtest`: the echo server, the edge floor, the naive fuse.js skill, the FAQ
 * server with the reply cache off and on, and the reload phase, each under the same traffic and measured the
 * same way (servers.ts), with the targets judged (targets.ts).
 */
import { runReloadPhase, writeAtomically } from './reload-phase';
import { measureRow, SECRET_HEADERS, startSkillServer, stopServer, type Row, type SkillServer, type SkillServerOptions } from './servers';
import { skillCounters, waitForWarming } from './skill-server-probe';
import { judgeTargets, type ModeRows, type Target } from './targets';
import { startServer } from '../../../test/harness';

/** Kakao waits 5 s for a skill: a fuse.js request still running then has failed, so autocannon gives up there. */
const KAKAO_TIMEOUT_SECONDS = 5;

export interface ModeResult extends ModeRows {
  /** What people would write: Express + fuse.js over the same entries, no cache. */
  fuse: Row;
  outcomes: Record<string, number>;
  targets: Target[];
}

/** One FAQ (its two file versions for reloads) and the traffic sent to servers that answer from it. */
export interface FaqLoad { entries: number; variants: [string, string]; bodies: string[] }

export const fmt = (x: number, digits = 0) => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function runMode(options: {
  workers: number;
  faqFile: string;
  faq: FaqLoad;
  /** The FAQ of the reload phase (100,000 entries by default) and its own file. */
  reloadFaq: FaqLoad;
  reloadFaqFile: string;
  duration: number;
  connections: number;
  reloadEveryMs: number;
  logFile: string;
  /** Environment every FAQ server gets on top of the operator's (SEMANTIC=off unless --semantic). */
  serverEnv: Record<string, string>;
}): Promise<ModeResult> {
  const { workers, duration, connections, faqFile } = options;
  const { bodies } = options.faq;
  const say = (msg: string) => process.stderr.write(`[loadtest WORKERS=${workers}] ${msg}\n`);
  const rowOptions = { bodies, connections, duration };

  say('starting the echo server');
  const echoServer = await startServer({ WORKERS: String(workers) }, { entry: 'src/cli/loadtest/echo-server.ts', inheritEnv: true });
  let echo: Row;
  try {
    say(`echo: ${duration} s at ${connections} connections`);
    echo = await measureRow({ ...rowOptions, server: echoServer });
  } finally {
    await stopServer(echoServer, say);
  }

  await writeAtomically(faqFile, options.faq.variants[0]);
  /** A server on the FAQ file, one row (or more, in turn) against it, then stopped. */
  const withServer = async <T>(label: string, start: SkillServerOptions, use: (s: SkillServer) => Promise<T>, stopTimeoutMs?: number) => {
    say(`starting the ${label}`);
    const started = await startSkillServer({ ...start, env: { ...options.serverEnv, ...start.env } });
    try {
      return await use(started);
    } finally {
      await stopServer(started.server, say, stopTimeoutMs);
    }
  };
  const edgeFloor = await withServer('edge-floor server (the real app, a fixed reply, no matching)', { workers, faqFile, logFile: `${options.logFile}.edge-floor`, entry: 'src/cli/loadtest/edge-floor-server.ts' }, ({ server }) =>
    measureRow({ ...rowOptions, server, headers: SECRET_HEADERS }),
  );
  // Every fuse.js request may time out: autocannon stops at `duration` whatever the server does, and the
  // server is killed if it does not exit soon after SIGTERM. No warm-up: its backlog of slow searches would
  // still be running when the measured run starts.
  const fuse = await withServer('naive Express + fuse.js skill', { workers, faqFile, logFile: `${options.logFile}.fuse`, entry: 'src/cli/loadtest/fuse-server.ts' }, ({ server }) =>
    measureRow({ ...rowOptions, server, timeout: KAKAO_TIMEOUT_SECONDS, warmupSeconds: 0 }),
    5_000,
  );
  const uncached = await withServer('FAQ server with REPLY_CACHE_ENTRIES=0', { workers, faqFile, logFile: `${options.logFile}.uncached`, env: { REPLY_CACHE_ENTRIES: '0' } }, ({ server, metricsPort }) =>
    measureRow({ ...rowOptions, server, metricsPort, headers: SECRET_HEADERS }),
  );
  const [skill, outcomes] = await withServer('FAQ server as configured by default (reply cache on)', { workers, faqFile, logFile: options.logFile }, async ({ server, metricsPort }) => {
    // The row measures the steady state: each worker first warms its reply cache from the FAQ's own questions
    // (src/http/reply-warming.ts), work a server does once per start or reload, not per request.
    await waitForWarming(options.logFile, workers, say);
    const row = await measureRow({ ...rowOptions, server, metricsPort, headers: SECRET_HEADERS });
    return [row, (await skillCounters(metricsPort)).outcomes] as const;
  });

  const reload = await runReloadPhase({
    workers,
    entries: options.reloadFaq.entries,
    faqFile: options.reloadFaqFile,
    variants: options.reloadFaq.variants,
    bodies: options.reloadFaq.bodies,
    duration,
    connections,
    reloadEveryMs: options.reloadEveryMs,
    logFile: `${options.logFile}.reload`,
    serverEnv: options.serverEnv,
    say,
  });

  const result = { workers, connections, echo, edgeFloor, fuse, uncached, skill, reload, outcomes };
  return { ...result, targets: judgeTargets(result) };
}
