import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import { AggregatorRegistry, Counter, Gauge, Registry } from 'prom-client';
import { shedReporter } from './http/connection-guard';
import { startMetricsServer, type MetricsSource } from './http/metrics-route';
import type { ServerLimits } from './http/server';
import type { Logger } from './log';
import { connectionShedCounter } from './metrics';

/**
 * `WORKERS` > 1: the primary process forks that many workers (each runs the whole server, src/main.ts) and
 * node:cluster spreads connections across them. The primary serves no requests; it
 * - replaces a worker that dies (a worker that dies before it ever listened means the server cannot start:
 *   the primary stops, rather than fork failing workers forever),
 * - forwards SIGHUP to every worker (each reloads its own FAQ data), and gives each worker its slot (0, 1, …;
 *   a replacement takes the slot of the worker it replaces) so that reloads start a stagger × slot apart (the
 *   longer of FAQ_RELOAD_STAGGER_MS and the worker's last build, src/faq/sets/live-sets.ts) and the workers
 *   never all rebuild at once,
 * - on SIGUSR2 restarts the workers one at a time (new one listening before the old one drains),
 * - on SIGTERM/SIGINT first has every worker stop accepting (so no connection is queued for a worker that is
 *   about to close), then lets every worker drain (their own SHUTDOWN_GRACE_MS), then exits,
 * - serves the metrics listener with every worker's metrics aggregated (prom-client AggregatorRegistry).
 */

const METRICS_REQUEST = 'kakao-faq:metrics-request';
const METRICS_RESPONSE = 'kakao-faq:metrics-response';
const STOP_ACCEPTING = 'kakao-faq:stop-accepting';
const STOPPED_ACCEPTING = 'kakao-faq:stopped-accepting';
const RELOAD_SLOT = 'kakao-faq:reload-slot';
/** How long the primary waits for a worker to confirm it stopped accepting before draining anyway. */
const STOP_ACCEPTING_WAIT_MS = 2_000;
/** A worker that dies this soon after it started listening is replaced only after a pause (crash loop). */
const QUICK_CRASH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;

export interface PrimaryOptions {
  workers: number;
  shutdownGraceMs: number;
  /** Added to every worker's environment (e.g. EMBEDDINGS_URL of the primary's local model server). */
  workerEnv?: Record<string, string>;
  metrics: { host: string; port: number | undefined; portIsDefault: boolean; token: string | undefined; limits: ServerLimits };
  log: Logger;
}

interface WorkerState {
  /** Position in the reload order (see the module comment). */
  slot: number;
  listeningAt?: number;
  /** Being replaced or stopped on purpose: its exit is expected. */
  retiring: boolean;
}

/** Runs the cluster primary until it is told to stop. Call only when `cluster.isPrimary`. */
export async function runPrimary(options: PrimaryOptions): Promise<void> {
  const { log } = options;
  const states = new Map<number, WorkerState>();
  let stopping = false;

  const registry = new Registry();
  const restarts = new Counter({ name: 'kakao_faq_worker_restarts_total', help: 'Workers that died and were replaced', registers: [registry] });
  new Gauge({
    name: 'kakao_faq_workers',
    help: 'Workers currently running',
    registers: [registry],
    collect() {
      this.set(Object.keys(cluster.workers ?? {}).length);
    },
  });
  const recordShed = connectionShedCounter(registry);
  const aggregator = new AggregatorRegistry();
  const source: MetricsSource = {
    contentType: aggregator.contentType,
    metrics: async () => `${await aggregator.clusterMetrics()}\n${await registry.metrics()}`,
  };

  // Every worker hashes user keys alike without being handed a salt: src/main.ts resolves it before forking
  // (USER_KEY_SALT, else the salt file next to FEEDBACK_FILE), and each worker reads the same one.
  const env: Record<string, string> = { ...options.workerEnv };

  const fork = (slot: number): Worker => {
    const worker = cluster.fork(env);
    states.set(worker.id, { slot, retiring: false });
    // once listening: the worker has long been listening for the message by then
    worker.once('listening', () => worker.isConnected() && worker.send({ type: RELOAD_SLOT, slot }));
    worker.on('listening', () => {
      const state = states.get(worker.id);
      if (state && state.listeningAt === undefined) state.listeningAt = Date.now();
    });
    return worker;
  };

  cluster.on('message', (worker, message: { type?: unknown; id?: unknown }) => {
    if (message?.type !== METRICS_REQUEST) return;
    source.metrics().then(
      (text) => worker.isConnected() && worker.send({ type: METRICS_RESPONSE, id: message.id, text }),
      (error: unknown) => {
        log.error({ err: error }, 'cluster metrics scrape failed');
        if (worker.isConnected()) worker.send({ type: METRICS_RESPONSE, id: message.id, error: 'unavailable' });
      },
    );
  });

  let metricsServer: Server | undefined;
  const finish = (code: number) => {
    metricsServer?.close();
    log.info({ code }, 'primary stopped');
    process.exit(code);
  };

  let exitCode = 0;
  const stopAll = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    log.info({ reason, workers: states.size, graceMs: options.shutdownGraceMs }, 'stopping workers');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    for (const worker of workers) {
      const state = states.get(worker.id);
      if (state) state.retiring = true;
    }
    // Draining workers reply `Connection: close`; were another worker still accepting, those clients'
    // next connections could be queued here for it just as it closes, and be reset.
    void Promise.all(workers.map(stopAccepting)).then(() => {
      for (const worker of workers) worker.process.kill('SIGTERM');
      // counted from the SIGTERM, so a slow handshake does not eat into the workers' grace period
      setTimeout(() => {
        log.warn('workers still running after the grace period; killing them');
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      }, options.shutdownGraceMs + 5_000).unref();
    });
    if (states.size === 0) finish(code);
  };

  cluster.on('exit', (worker, code, signal) => {
    const state = states.get(worker.id);
    states.delete(worker.id);
    if (stopping) {
      if (states.size === 0) finish(exitCode);
      return;
    }
    if (state?.retiring) return;
    if (state?.listeningAt === undefined) {
      log.fatal({ worker: worker.id, code, signal }, 'a worker exited before it started listening; stopping');
      stopAll('worker failed to start', 1);
      return;
    }
    restarts.inc();
    const quick = Date.now() - state.listeningAt < QUICK_CRASH_MS;
    log.error({ worker: worker.id, code, signal }, 'worker died; starting a replacement');
    setTimeout(() => !stopping && fork(state.slot), quick ? RESTART_PAUSE_MS : 0);
  });

  process.on('SIGTERM', () => stopAll('SIGTERM', 0));
  process.on('SIGINT', () => stopAll('SIGINT', 0));
  process.on('SIGHUP', () => {
    log.info({ workers: states.size }, 'SIGHUP: forwarding to workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGHUP');
  });
  process.on('SIGUSR2', () => void rollingRestart());

  let rolling = false;
  const rollingRestart = async () => {
    if (rolling || stopping) return;
    rolling = true;
    log.info('SIGUSR2: restarting workers one at a time');
    for (const old of Object.values(cluster.workers ?? {})) {
      if (!old || stopping) continue;
      const fresh = fork(states.get(old.id)?.slot ?? 0);
      const ok = await new Promise<boolean>((resolve) => {
        fresh.once('listening', () => resolve(true));
        fresh.once('exit', () => resolve(false));
      });
      if (!ok) break; // the exit handler has already decided what to do
      const state = states.get(old.id);
      if (state) state.retiring = true;
      const gone = new Promise((resolve) => old.once('exit', resolve));
      old.process.kill('SIGTERM');
      await gone;
    }
    rolling = false;
    log.info({ workers: states.size }, 'rolling restart done');
  };

  // Listen for metrics first: if the port is taken, the primary stops before any worker exists.
  if (options.metrics.port !== undefined) {
    const onShed = shedReporter(log, 'metrics', (reason) => recordShed('metrics', reason));
    metricsServer = await startMetricsServer({ ...options.metrics, port: options.metrics.port, source, log, onShed });
  }
  for (let slot = 0; slot < options.workers; slot++) fork(slot);
  log.info({ workers: options.workers }, 'cluster primary started');
}

/** Asks a worker to stop accepting; resolves once it confirms, exits, or after {@link STOP_ACCEPTING_WAIT_MS}. */
function stopAccepting(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', done);
      resolve();
    };
    const onMessage = (message: { type?: unknown }) => message?.type === STOPPED_ACCEPTING && done();
    const timer = setTimeout(done, STOP_ACCEPTING_WAIT_MS);
    worker.on('message', onMessage);
    worker.once('exit', done);
    if (!worker.isConnected()) return done();
    worker.send({ type: STOP_ACCEPTING }, (error: Error | null) => error && done());
  });
}

/**
 * In a worker: runs `stop` when the primary asks it to stop accepting, then confirms. The worker's
 * listener close reaches the primary before the confirmation (same channel, in order).
 */
export function onStopAcceptingRequest(stop: () => void): void {
  process.on('message', (message: { type?: unknown }) => {
    if (message?.type !== STOP_ACCEPTING) return;
    stop();
    process.send?.({ type: STOPPED_ACCEPTING });
  });
}

/** In a worker: its slot in the reload order as the primary last said (0 until it has). */
export function reloadSlotFromPrimary(): () => number {
  let slot = 0;
  process.on('message', (message: { type?: unknown; slot?: unknown }) => {
    if (message?.type === RELOAD_SLOT && typeof message.slot === 'number') slot = message.slot;
  });
  return () => slot;
}

/**
 * In a worker: answers the primary's aggregation requests from `registry`, and returns a source that asks
 * the primary for the whole cluster's metrics (what `GET /metrics` on the public port serves).
 */
export function workerMetricsSource(registry: Registry): MetricsSource {
  new AggregatorRegistry(); // installs the listener that answers the primary's scrape requests
  AggregatorRegistry.setRegistries([registry]);
  let nextId = 0;
  const pending = new Map<number, { resolve(text: string): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  process.on('message', (message: { type?: unknown; id?: unknown; text?: unknown; error?: unknown }) => {
    if (message?.type !== METRICS_RESPONSE || typeof message.id !== 'number') return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    clearTimeout(request.timer);
    if (typeof message.text === 'string') request.resolve(message.text);
    else request.reject(new Error('the cluster primary could not collect metrics'));
  });
  return {
    contentType: registry.contentType,
    metrics: () =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error('the cluster primary did not answer a metrics request'));
        }, 7_000);
        pending.set(id, { resolve, reject, timer });
        process.send?.({ type: METRICS_REQUEST, id });
      }),
  };
}
