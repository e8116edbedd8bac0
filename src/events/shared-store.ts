import { Counter, type Registry } from 'prom-client';
import type { DatabaseConfig } from '../database-env';
import { createPostgresFeedbackStore } from '../feedback/postgres-feedback-store';
import type { FeedbackStore } from '../feedback/feedback';
import type { Logger } from '../log';
import type { BatchWriter } from '../postgres/batch-writer';
import { migrate } from '../postgres/migrate';
import { openPool } from '../postgres/pool';
import { createPostgresSkillCallSink, type SkillCallSink } from './skill-call-events';

/**
 * The shared store of many replicas (DATABASE_URL): one pool, the migration, and the two batched writers,
 * for ratings and for skill calls. Opening it never touches the database: the first flush migrates (and
 * retries until it can), so a database that is down at start-up delays only the events, never the server.
 */
export interface SharedStore {
  readonly events: SkillCallSink;
  readonly feedbackStore: FeedbackStore;
  /** On shutdown: writes what is buffered within `timeoutMs` (the rest is counted as dropped), then closes the pool. */
  close(timeoutMs: number): Promise<void>;
}

export function openSharedStore(
  config: DatabaseConfig & { databaseUrl: string },
  log: Logger,
  registry: Registry,
  tuning: { flushMs?: number; batchSize?: number } = {},
): SharedStore {
  const pool = openPool(config.databaseUrl, { log });
  let migration: Promise<void> | undefined;
  const ready = (): Promise<void> =>
    (migration ??= migrate(pool).then(
      (applied) => log.info({ applied }, applied.length > 0 ? 'database schema migrated' : 'database schema up to date'),
      (error: unknown) => {
        migration = undefined;
        throw error;
      },
    ));
  const options = { ready, maxBuffer: config.eventsBufferMax, log, ...tuning };
  const skillCalls = createPostgresSkillCallSink(pool, options);
  const feedback = createPostgresFeedbackStore(pool, options);
  countDropped(registry, { feedback: feedback.writer, skill_calls: skillCalls.writer });
  log.info({ database: databaseName(config.databaseUrl), maxBuffer: config.eventsBufferMax }, 'ratings and skill-call events go to PostgreSQL');
  return {
    events: skillCalls,
    feedbackStore: feedback,
    async close(timeoutMs) {
      const started = Date.now();
      await Promise.all([skillCalls.writer.close(timeoutMs), feedback.writer.close(timeoutMs)]);
      const left = Math.max(0, timeoutMs - (Date.now() - started));
      await Promise.race([pool.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, left).unref())]);
    },
  };
}

/** `kakao_faq_events_dropped_total{store, reason}`, read from the writers at each scrape. */
function countDropped(registry: Registry, writers: Record<string, BatchWriter<unknown>>): void {
  const counter: Counter<'store' | 'reason'> = new Counter({
    name: 'kakao_faq_events_dropped_total',
    help: 'Events (store: feedback, skill_calls) dropped on their way to PostgreSQL, by reason (buffer_full: the database did not take them in time; rejected: a batch the database refused for its data; shutdown: still buffered at exit)',
    labelNames: ['store', 'reason'],
    registers: [registry],
    collect() {
      counter.reset();
      for (const [store, writer] of Object.entries(writers)) {
        for (const reason of ['buffer_full', 'rejected', 'shutdown']) counter.inc({ store, reason }, writer.dropped().get(reason) ?? 0);
      }
    },
  });
}

/** Host and database of the URL for the log; never the password. */
function databaseName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'unparsable URL';
  }
}
