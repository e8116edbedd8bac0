/**
 * How `kakao-faq loadtest` starts the servers it compares and measures one row against one of them: a short
 * warm-up that is not measured, then a run whose CPU per request (from /proc) and reply-cache use (from
 * /metrics, when the server has it) are read around it.
 */
import { DEFAULT_SKILL_SECRET_HEADER } from '../../skill-secret-env';
import { drive, type DriveOptions, type RunSummary } from './drive';
import { withCpuPerRequest } from './proc-cpu';
import { measured, waitForListening, type CacheUse } from './skill-server-probe';
import { freePort, type RunningServer, startServer } from '../../../test/harness';

const SECRET = 'loadtest-secret-0123456789';
export const SECRET_HEADERS = { [DEFAULT_SKILL_SECRET_HEADER]: SECRET };
export const WARMUP_SECONDS = 3;

/** One measured run: autocannon's figures, CPU µs per completed request (null when none completed), cache use. */
export interface Row { run: RunSummary; cpuUsPerRequest: number | null; cache?: CacheUse }

export interface SkillServer { server: RunningServer; metricsPort: number }

/**
 * The real server (or `entry`, configured the same way) with `workers` workers on `faqFile`; resolves once
 * every worker has logged "listening" (/healthz answers as soon as one does). The operator's environment is
 * passed on, as `npm start` would see it.
 */
export interface SkillServerOptions {
  workers: number;
  faqFile: string;
  logFile: string;
  env?: Record<string, string>;
  entry?: string;
}

export async function startSkillServer(options: SkillServerOptions): Promise<SkillServer> {
  const metricsPort = await freePort();
  const server = await startServer(
    {
      WORKERS: String(options.workers),
      FAQ_FILE: options.faqFile,
      SKILL_SECRET: SECRET,
      USER_KEY_SALT: 'loadtest-salt-0123456789',
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'info',
      ...options.env,
    },
    { inheritEnv: true, logFile: options.logFile, startTimeoutMs: 180_000, entry: options.entry },
  );
  try {
    await waitForListening(options.logFile, options.workers, 180_000);
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
  return { server, metricsPort };
}

/** Stops a server, saying so when it did not exit cleanly; SIGKILL after `timeoutMs`. */
export async function stopServer(server: RunningServer, say: (msg: string) => void, timeoutMs = 20_000): Promise<void> {
  const code = await server.stop('SIGTERM', timeoutMs);
  if (code !== 0) say(`server exited with ${code} on SIGTERM`);
}

export interface RowOptions {
  server: RunningServer;
  /** Reads the reply-cache counters around the run when given. */
  metricsPort?: number;
  bodies: readonly string[];
  headers?: Record<string, string>;
  connections: number;
  duration: number;
  /** autocannon's per-request timeout in seconds (default 10). */
  timeout?: number;
  /** Shared by consecutive rows against one server, so a run goes on through the traffic instead of repeating it. */
  cursor?: { next: number };
  /** Seconds of unmeasured warm-up (default {@link WARMUP_SECONDS}). */
  warmupSeconds?: number;
  /** Called when the warm-up is over, as the measured run starts (the reload phase starts reloading then). */
  onMeasuredStart?: () => void;
  /** Passed to the measured run's drive: its requests from a moment on are also reported apart (RunSummary.watched). */
  watch?: DriveOptions['watch'];
}

/** Pause between the warm-up and the measured run. */
const SETTLE_MS = 1000;

/** Warm-up (not measured), then `duration` seconds measured. */
export async function measureRow(options: RowOptions): Promise<Row> {
  const cursor = options.cursor ?? { next: 0 };
  const load = (seconds: number, watch?: DriveOptions['watch']) =>
    drive({ baseUrl: options.server.baseUrl, path: '/skill/faq', bodies: options.bodies, headers: options.headers, connections: options.connections, duration: seconds, cursor, timeout: options.timeout, watch });
  const warmup = options.warmupSeconds ?? WARMUP_SECONDS;
  if (warmup > 0) {
    await load(warmup);
    // autocannon stops with up to one request per connection still at the server: let it finish them, so the
    // measured run neither pays for them (CPU) nor starts queued behind them (its first requests' latency)
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
  options.onMeasuredStart?.();
  return measureRun(options.server, options.metricsPort, () => load(options.duration, options.watch));
}

/** One run against `server`, with its CPU per request and, when `metricsPort` is given, its reply-cache use. */
export async function measureRun(server: RunningServer, metricsPort: number | undefined, run: () => Promise<RunSummary>): Promise<Row> {
  const pid = server.child.pid!;
  let cpuUsPerRequest: number | null = null;
  const timed = async () => {
    const measuredCpu = await withCpuPerRequest(pid, run);
    cpuUsPerRequest = measuredCpu.cpuUsPerRequest;
    return measuredCpu.result;
  };
  if (metricsPort === undefined) {
    const result = await timed();
    return { run: result, cpuUsPerRequest };
  }
  const skillRun = await measured(metricsPort, timed);
  return { run: skillRun.run, cpuUsPerRequest, cache: skillRun.cache };
}
