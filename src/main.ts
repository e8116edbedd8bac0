/**
 * Composition root: reads config, loads the FAQ, wires the skills into the HTTP app and listens.
 * The only module that imports `skills/`.
 */
import type { Server } from 'node:http';
import { edgeReplies, skills } from '../skills';
import { ConfigError, loadConfig, type Config } from './config';
import { FaqSetsFileError, resolveFaqSets } from './faq/faq-sets-file';
import { openFaqSets, type LiveFaqSets } from './faq/live-faq-sets';
import { reloadOnSignal } from './faq/reload-signal';
import { FaqDataError } from './faq/load-faq';
import { createFeedbackRecorder } from './feedback/feedback';
import { createJsonlFeedbackStore } from './feedback/jsonl-feedback-store';
import { resolveUserKeySalt } from './feedback/user-key-salt';
import { createApp } from './http/app';
import { setClipReporter } from './kakao';
import { createLogger, type Logger } from './log';

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
  const log = createLogger(config.logLevel);
  // Content from data that had to be shortened to fit Kakao's limits is worth an operator's look.
  setClipReporter((event) => log.warn({ clip: event }, 'text clipped to fit a Kakao limit'));

  let faqSets: LiveFaqSets;
  try {
    faqSets = await openFaqSets(await resolveFaqSets(config), { log });
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
  }
  if (config.faqWatch) faqSets.watch({ debounceMs: config.faqReloadDebounceMs });
  reloadOnSignal((trigger) => faqSets.reloadAll(trigger));

  const feedback = createFeedbackRecorder({
    store: createJsonlFeedbackStore(config.feedbackFile),
    salt: await resolveUserKeySalt(config),
  });
  log.info({ file: config.feedbackFile, handoff: config.handoff.mode }, 'feedback and handoff ready');

  const app = createApp({ skills, faqSets, edgeReplies, log, config, feedback });
  const server = app.listen(config.port, config.host, () => {
    log.info({ host: config.host, port: config.port, skills: [...skills.keys()] }, 'listening');
  });
  server.on('error', (error) => {
    log.fatal({ err: error }, 'server error');
    process.exit(1);
  });
  // Kakao waits at most 5 s; keep idle sockets a little longer than typical proxies do.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 10_000;

  installShutdown(server, log, config.shutdownGraceMs);
}

/** On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, then exit (forced after the grace period). */
function installShutdown(server: Server, log: Logger, graceMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, graceMs }, 'shutting down');
    server.close((error) => {
      if (error) log.error({ err: error }, 'error while closing');
      log.info('stopped');
      process.exit(error ? 1 : 0);
    });
    server.closeIdleConnections();
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
