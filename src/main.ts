/**
 * Composition root: reads config, loads the FAQ, wires the skills into the HTTP app and listens.
 * The only module that imports `skills/`.
 */
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerPages, edgeReplies, skills } from '../skills';
import { ConfigError, isLoopbackHost, loadConfig, type Config } from './config';
import { FaqSetsFileError, resolveFaqSets } from './faq/sets/sets-file';
import { openFaqSets, type LiveFaqSets } from './faq/sets/live-sets';
import { serverVectorsOptions } from './faq/snapshot-vectors';
import { readFusionModel } from './faq/fusion-model-file';
import type { SemanticService } from './semantic/semantic-service';
import { reloadOnSignal } from './faq/reload-signal';
import { FaqDataError } from './faq/load-faq';
import { createFeedbackRecorder } from './feedback/feedback';
import { createJsonlFeedbackStore } from './feedback/jsonl-feedback-store';
import { openSharedStore } from './events/shared-store';
import { generatedSaltWarning, resolveUserKeySalt } from './feedback/user-key-salt';
import { clipReporter } from './clip-log';
import { onStopAcceptingRequest, reloadSlotFromPrimary, runPrimary, workerMetricsSource } from './cluster';
import { createApp } from './http/app';
import { snapshotFeed } from './http/reply-warming';
import { shedReporter } from './http/connection-guard';
import { METRICS_MAX_CONNECTIONS, MetricsPortInUseError, metricsMaxConnections, startMetricsServer } from './http/metrics-route';
import { createHttpServer, drainServer, stopAccepting, type ServerLimits } from './http/server';
import { listeningLine, printLine } from './listening-line';
import { createLogger, stdoutLogDrops, type Logger } from './log';
import { collectProcessMetrics, metrics } from './metrics';
import { defaultMaxConnections, leavesTooFewDescriptors, raiseOpenFilesLimit } from './open-files-limit';
import { openSemanticService, startSharedModelServer } from './semantic/open-semantic-service';

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
    const primaryLog = createLogger(config).child({ role: 'primary' });
    warnIfOpenWithoutSecret(config, primaryLog);
    const metricsListener = metricsListenerOf(config, serverLimits(config, primaryLog));
    const { workers, shutdownGraceMs } = config;
    // made (or read) once here, before any worker exists: every worker then reads the same salt file
    await resolveUserKeySalt(config);
    warnIfSaltPerMachine(config, primaryLog);
    // One local model server for all workers: they get its URL as EMBEDDINGS_URL and never start their own.
    const modelServer = await startSharedModelServer(config, primaryLog, { root: process.cwd() });
    const workerEnv: Record<string, string> = modelServer ? { EMBEDDINGS_URL: modelServer.url } : {};
    await runPrimary({ workers, shutdownGraceMs, workerEnv, metrics: metricsListener, log: primaryLog }).catch(exitOnMetricsPortInUse);
    return;
  }
  const log = cluster.isWorker
    ? createLogger(config).child({ worker: cluster.worker?.id, pid: process.pid })
    : createLogger(config);
  if (!cluster.isWorker) warnIfOpenWithoutSecret(config, log);
  // workers inherit the primary's raised limit; only the primary or the single process reports it
  const limits = serverLimits(config, cluster.isWorker ? undefined : log);
  // USER_KEY_SALT, or a random salt kept next to the feedback file, so hashes in logs and feedback stay
  // comparable across restarts (a cluster primary resolves it once and hands it to its workers).
  const userKeySalt = await resolveUserKeySalt(config);
  if (!cluster.isWorker) warnIfSaltPerMachine(config, log);
  collectProcessMetrics(metrics.registry);
  // lines stdout could not take (a full disk, an unread pipe) were dropped, not waited for; count them
  metrics.countLosses('log', stdoutLogDrops);
  const metricsSource = cluster.isWorker ? workerMetricsSource(metrics.registry) : metrics.registry;
  // Before the FAQ: entry vectors are embedded as the sets load. Undefined: lexical only (logged once).
  const service = await openSemanticService(config, log, metrics, { root: process.cwd(), mayStartLocalServer: !cluster.isWorker });
  // the fusion first: without one fitted for this model no vector would ever be used, so none is built
  const understanding = service && (await openUnderstanding(service, config.fusionModelFile, log));
  const semantic = understanding?.semantic;

  // the snapshots reloads swap in, for the edge to warm its reply cache with (src/http/reply-warming.ts)
  const snapshotSwaps = snapshotFeed();
  const reloadSlot = cluster.isWorker ? reloadSlotFromPrimary() : () => 0;
  let faqSets: LiveFaqSets;
  try {
    faqSets = await openFaqSets(await resolveFaqSets(config), {
      log,
      maxBytes: config.faqMaxBytes,
      guard: { maxShrink: config.faqReloadMaxShrink, forceFile: config.faqReloadForceFile },
      reloadSlot,
      reloadStaggerMs: config.faqReloadStaggerMs,
      // each snapshot's entry vectors, built before it serves (bounded wait), cached on disk
      vectors: semantic && { ...serverVectorsOptions(semantic, config.embeddingsCacheDir, log), metrics },
      onReload: (set, result) => {
        metrics.recordReload(set, result.status !== 'failed');
        metrics.setFaqEntries(set, result.snapshot.store.size);
        if (result.status === 'swapped') snapshotSwaps.publish(result.snapshot);
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

  // DATABASE_URL: ratings and skill-call events of every replica go to PostgreSQL, batched off the request path
  const shared = config.databaseUrl === undefined ? undefined : openSharedStore({ ...config, databaseUrl: config.databaseUrl }, log, metrics.registry);
  const feedbackStore = shared?.feedbackStore ?? jsonlFeedbackStore(config.feedbackFile, log);
  const feedback = createFeedbackRecorder({ store: feedbackStore, salt: userKeySalt });
  log.info({ file: config.feedbackFile, handoff: config.handoff.mode }, 'feedback and handoff ready');

  const appConfig = { ...config, userKeySalt };
  const app = createApp({
    skills,
    faqSets,
    edgeReplies,
    answerPages: answerPages({ faqSets, feedback }),
    log,
    metrics,
    metricsSource,
    events: shared?.events,
    config: appConfig,
    feedback,
    semantic,
    understanding,
    snapshotSwaps,
    // Content from data that had to be shortened to fit Kakao's limits is worth an operator's look.
    onClip: clipReporter(log, metrics),
  });
  const onShed = shedReporter(log, 'main', (reason) => metrics.recordConnectionShed('main', reason));
  const server = createHttpServer(app, limits, onShed).listen(config.port, config.host, () => {
    // the bound port, so PORT=0 (any free port) is usable by whoever reads the log
    const { port } = server.address() as AddressInfo;
    log.info({ host: config.host, port, skills: [...skills.keys()] }, 'listening');
    const sets = faqSets.sets.map((s) => ({ name: s.name, entries: s.current().store.size }));
    printLine(listeningLine({ host: config.host, port, sets, worker: cluster.worker?.id, semanticModel: understanding?.semantic.model }));
  });
  server.on('error', (error) => {
    log.fatal({ err: error }, 'server error');
    process.exit(1);
  });
  // In a cluster the primary serves the metrics listener, with every worker's metrics aggregated.
  const metricsListener = metricsListenerOf(config, limits);
  if (!cluster.isWorker && metricsListener.port !== undefined) {
    const onMetricsShed = shedReporter(log, 'metrics', (reason) => metrics.recordConnectionShed('metrics', reason));
    await startMetricsServer({ ...metricsListener, port: metricsListener.port, source: metricsSource, log, onShed: onMetricsShed }).catch(
      (error: unknown) => {
        log.fatal({ err: error }, 'metrics listener could not start');
        exitOnMetricsPortInUse(error);
      },
    );
  }

  installShutdown(server, log, config.shutdownGraceMs, shared && (() => shared.close(EVENTS_FLUSH_ON_EXIT_MS)));
}

/** The embedded default store of ratings: the JSONL file, its losses counted. */
function jsonlFeedbackStore(file: string, log: Logger) {
  const store = createJsonlFeedbackStore(file, { log });
  metrics.countLosses('feedback', store.lostRatings);
  return store;
}

/** On SIGTERM, how long the buffered events may take to reach the database before the rest is counted as dropped. */
const EVENTS_FLUSH_ON_EXIT_MS = 3000;

function metricsListenerOf(config: Config, limits: ServerLimits) {
  const { metricsHost: host, metricsPort: port, metricsPortIsDefault: portIsDefault, metricsToken: token } = config;
  return { host, port, portIsDefault, token, limits };
}

function exitOnMetricsPortInUse(error: unknown): never {
  if (!(error instanceof MetricsPortInUseError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/**
 * The listeners' limits: the config's timeouts, and MAX_CONNECTIONS or a cap derived from the open-files
 * limit, first raised to its hard limit where allowed (src/open-files-limit.ts). Logged when `log` is given.
 * The metrics listener runs in this process unless it is a worker (the primary serves it), and its
 * connections come out of the same limit.
 */
function serverLimits(config: Config, log: Logger | undefined): ServerLimits {
  const { before, after, problem } = raiseOpenFilesLimit();
  const metricsHere = !cluster.isWorker && config.metricsPort !== undefined;
  const maxConnections = config.maxConnections ?? defaultMaxConnections(after?.soft, metricsHere ? METRICS_MAX_CONNECTIONS : 0);
  const metricsConnections = metricsHere ? metricsMaxConnections(maxConnections) : 0;
  const fields = { before, after, maxConnections, metricsMaxConnections: metricsConnections, auto: config.maxConnections === undefined };
  if (problem !== undefined) log?.warn({ ...fields, problem }, 'could not raise the open-files limit (RLIMIT_NOFILE); connections are capped below it');
  else log?.info(fields, 'open-files limit and connection cap');
  if (after && leavesTooFewDescriptors(after.soft, maxConnections + metricsConnections)) {
    log?.warn(
      { maxConnections, metricsMaxConnections: metricsConnections, openFilesLimit: after.soft },
      'MAX_CONNECTIONS leaves fewer than 64 descriptors of the open-files limit for files and internal sockets (counting the metrics listener\'s connections)',
    );
  }
  return { ...config, maxConnections };
}

/** Once per server (the cluster primary, or the single process): an open skill route is worth a warning. */
function warnIfOpenWithoutSecret(config: Config, log: Logger): void {
  if (config.skillSecret !== undefined || isLoopbackHost(config.host)) return;
  log.warn(
    { host: config.host },
    'SKILL_SECRET is not set and the server listens beyond loopback: anyone who finds this address can call the skill; set SKILL_SECRET and the same header in the chatbot admin center',
  );
}

/** Once per server: a salt made on this machine breaks page votes across several instances. */
function warnIfSaltPerMachine(config: Config, log: Logger): void {
  const warning = generatedSaltWarning(config);
  if (warning !== undefined) log.warn({ publicBaseUrl: config.publicBaseUrl }, warning);
}

/**
 * On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close keep-alive sockets after their
 * current response, and exit once none is left (src/http/server.ts drainServer; cut after the grace period).
 * In a cluster the primary first asks every worker to stop accepting, then sends SIGTERM (src/cluster.ts).
 */
function installShutdown(server: Server, log: Logger, graceMs: number, flushEvents?: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs }, 'shutting down');
    const how = await drainServer(server, graceMs);
    if (how === 'forced') log.warn('grace period over; closed the remaining connections');
    await flushEvents?.();
    log.info('stopped');
    process.exit(0);
  };
  if (cluster.isWorker) {
    onStopAcceptingRequest(() => {
      log.info('stopping accepting connections (cluster stopping)');
      stopAccepting(server);
    });
  }
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The query side of the semantic stage, when a fusion fitted for the service's model is at hand. */
async function openUnderstanding(semantic: SemanticService, file: string, log: Logger) {
  const fusion = await readFusionModel(file, semantic.model);
  if ('problem' in fusion) {
    log.warn({ problem: fusion.problem }, 'no fusion for this embeddings model; matching lexically only');
    await semantic.close();
    return undefined;
  }
  return { semantic, fusion: fusion.model };
}

main().catch((error: unknown) => {
  console.error('startup failed:', error);
  process.exit(1);
});
