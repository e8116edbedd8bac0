/**
 * Composition root: reads config, loads the FAQ, wires the skills into the HTTP app and listens.
 * The only module that imports `skills/`.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { edgeReplies, skills } from '../skills';
import { ConfigError, loadConfig, type Config } from './config';
import { loadFaqStore } from './faq/faq-store';
import { FaqDataError } from './faq/load-faq';
import { createApp } from './http/app';
import { configureServer } from './http/server-timeouts';
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

  let faq;
  try {
    faq = await loadFaqStore(config);
  } catch (error) {
    if (error instanceof FaqDataError) {
      log.fatal({ file: error.file, problems: error.problems }, 'FAQ data is not usable; not starting');
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  log.info({ file: config.faqFile, entries: faq.size, version: faq.version }, 'FAQ loaded');

  const app = createApp({ skills, faq: () => faq, edgeReplies, log, config });
  // Slow or stalled clients are cut off after the timeouts in src/http/server-timeouts.ts.
  const server = configureServer(http.createServer(app), config);
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    log.info({ host: config.host, port, skills: [...skills.keys()] }, 'listening');
  });
  server.on('error', (error) => {
    log.fatal({ err: error }, 'server error');
    process.exit(1);
  });

  installShutdown(server, log, config.shutdownGraceMs);
  // TODO(#4): replace with the hot reload (SIGHUP re-reads the FAQ and swaps the snapshot when it is valid).
  // Until then a stray SIGHUP must not kill the server (Node's default), and the operator is told why nothing changed.
  process.on('SIGHUP', () => log.warn({ signal: 'SIGHUP' }, 'SIGHUP received: FAQ reload is not available in this build; still serving the loaded data'));
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
