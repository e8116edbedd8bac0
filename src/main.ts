/**
 * Composition root: reads config, loads the FAQ, wires the skills into the HTTP app and listens.
 * The only module that imports `skills/`.
 */
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { edgeReplies, skills } from '../skills';
import { ConfigError, loadConfig, type Config } from './config';
import { FaqSetsFileError, resolveFaqSets } from './faq/faq-sets-file';
import { openFaqSets, type LiveFaqSets } from './faq/live-faq-sets';
import { reloadOnSignal } from './faq/reload-signal';
import { FaqDataError } from './faq/load-faq';
import { createFeedbackRecorder } from './feedback/feedback';
import { createJsonlFeedbackStore } from './feedback/jsonl-feedback-store';
import { resolveUserKeySalt } from './feedback/user-key-salt';
import { clipReporter } from './clip-log';
import { runPrimary, workerMetricsSource } from './cluster';
import { createApp } from './http/app';
import { startMetricsServer } from './http/metrics-route';
import { createHttpServer, drainNoticeMs, startDraining } from './http/server';
import { setClipReporter } from './kakao';
import { createLogger, type Logger } from './log';
import { collectProcessMetrics, metrics } from './metrics';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (cluster.isPrimary && config.workers > 1) {
    const metricsListener = { host: config.metricsHost, port: config.metricsPort, token: config.metricsToken };
    const primaryLog = createLogger(config).child({ role: 'primary' });
    const { workers, shutdownGraceMs } = config;
    const userKeySalt = await resolveUserKeySalt(config);
    await runPrimary({ workers, shutdownGraceMs, userKeySalt, metrics: metricsListener, log: primaryLog });
    return;
  }
  const log = cluster.isWorker
    ? createLogger(config).child({ worker: cluster.worker?.id, pid: process.pid })
    : createLogger(config);
  // USER_KEY_SALT, or a random salt kept next to the feedback file, so hashes in logs and feedback stay
  // comparable across restarts (a cluster primary resolves it once and hands it to its workers).
  const userKeySalt = await resolveUserKeySalt(config);
  collectProcessMetrics(metrics.registry);
  const metricsSource = cluster.isWorker ? workerMetricsSource(metrics.registry) : metrics.registry;
  // Content from data that had to be shortened to fit Kakao's limits is worth an operator's look.
  setClipReporter(clipReporter(log, metrics));

  let faqSets: LiveFaqSets;
  try {
    faqSets = await openFaqSets(await resolveFaqSets(config), {
      log,
      maxBytes: config.faqMaxBytes,
      onReload: (set, result) => {
        metrics.recordReload(set, result.status !== 'failed');
        metrics.setFaqEntries(set, result.snapshot.store.size);
      },
    });
  } catch (error) {
    if (error instanceof FaqDataError || error instanceof FaqSetsFileError) {
      log.fatal({ file: error.file, problems: error.problems }, 'FAQ data is not usable; not starting');
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  for (const set of faqSets.sets) {
    const { store } = set.current();
    log.info({ faqSet: set.name, file: set.files.faqFile, entries: store.size, faqVersion: store.version }, 'FAQ set loaded');
    metrics.setFaqEntries(set.name, store.size);
  }
  if (config.faqWatch) faqSets.watch({ debounceMs: config.faqReloadDebounceMs });
  reloadOnSignal((trigger) => {
    log.info({ trigger }, 'SIGHUP received; reloading the FAQ sets');
    return faqSets.reloadAll(trigger);
  });

  const feedback = createFeedbackRecorder({ store: createJsonlFeedbackStore(config.feedbackFile), salt: userKeySalt });
  log.info({ file: config.feedbackFile, handoff: config.handoff.mode }, 'feedback and handoff ready');

  const appConfig = { ...config, userKeySalt };
  const app = createApp({ skills, faqSets, edgeReplies, log, metrics, metricsSource, config: appConfig, feedback });
  const server = createHttpServer(app, config).listen(config.port, config.host, () => {
    // the bound port, so PORT=0 (any free port) is usable by whoever reads the log
    const { port } = server.address() as AddressInfo;
    log.info({ host: config.host, port, skills: [...skills.keys()] }, 'listening');
  });
  server.on('error', (error) => {
    log.fatal({ err: error }, 'server error');
    process.exit(1);
  });
  // In a cluster the primary serves the metrics listener, with every worker's metrics aggregated.
  if (!cluster.isWorker && config.metricsPort !== undefined) {
    const listener = { host: config.metricsHost, port: config.metricsPort, token: config.metricsToken };
    await startMetricsServer({ ...listener, source: metricsSource, log }).catch((error: unknown) => {
      log.fatal({ err: error }, 'metrics listener could not start');
      process.exit(1);
    });
  }

  installShutdown(server, log, config.shutdownGraceMs);
}

/**
 * On SIGTERM/SIGINT: tell keep-alive clients to reconnect (see startDraining), then stop accepting, let in-flight
 * requests finish, and exit (forced after the grace period).
 */
function installShutdown(server: Server, log: Logger, graceMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs }, 'shutting down');
    startDraining(server);
    setTimeout(() => {
      server.close((error) => {
        if (error) log.error({ err: error }, 'error while closing');
        log.info('stopped');
        process.exit(error ? 1 : 0);
      });
      server.closeIdleConnections();
    }, drainNoticeMs(graceMs));
    setTimeout(() => {
      log.warn('grace period over; closing remaining connections');
      server.closeAllConnections();
    }, graceMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('startup failed:', error);
  process.exit(1);
});
