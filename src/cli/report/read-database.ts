/**
 * Reading what the replicas wrote to the shared store (DATABASE_URL, src/events/shared-store.ts): the
 * skill calls and the ratings, as the same records the log and feedback readers return, so `report` and
 * `faq suggest` work on either. Rows go through the same schema as log lines (read-events.ts).
 */
import pg from 'pg';
import { loadDatabaseConfig } from '../../config';
import { linesOf, parseSkillCalls, toFeedback, toSkillCall, type Feedback, type ReadResult, type SkillCall } from './read-events';

type Row = Record<string, unknown>;

/** A row's columns in the record's names, without the empty ones (a log line omits absent fields). */
function recordOf(row: Row, names: Record<string, string>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === false) continue;
    record[names[column] ?? column] = value instanceof Date ? value.getTime() : value;
  }
  return record;
}

const CALL_NAMES = { at: 'time', faq_id: 'faqId', bot_id: 'botId', faq_set: 'faqSet', faq_version: 'faqVersion', user_key_hash: 'userKeyHash' };
const FEEDBACK_NAMES = { faq_id: 'faqId', faq_version: 'faqVersion', user_key_hash: 'userKeyHash' };

function collect<T>(rows: readonly Row[], names: Record<string, string>, extra: Row, parse: (value: unknown) => T | undefined): ReadResult<T> {
  const result: ReadResult<T> = { items: [], skipped: 0 };
  for (const row of rows) {
    const item = parse({ ...extra, ...recordOf(row, names) });
    if (item === undefined) result.skipped += 1;
    else result.items.push(item);
  }
  return result;
}

export interface DatabaseEvents {
  calls: ReadResult<SkillCall>;
  feedback: ReadResult<Feedback>;
}

/** The skill calls and ratings since `since` (epoch ms; all when undefined), oldest first. */
export async function readDatabaseEvents(url: string, since?: number): Promise<DatabaseEvents> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const from = new Date(since ?? 0);
    const calls = await client.query<Row>(
      `SELECT at, skill, status, outcome, faq_id, confidence, bot_id, faq_set, faq_version, input, user_key_hash, utterance, asked, ms
         FROM kakao_faq_skill_calls WHERE at >= $1 ORDER BY at, id`,
      [from],
    );
    const ratings = await client.query<Row>(
      'SELECT at, rating, source, faq_id, faq_version, question, user_key_hash FROM kakao_faq_feedback WHERE at >= $1 ORDER BY at, id',
      [from],
    );
    return {
      calls: collect(calls.rows, CALL_NAMES, { msg: 'skill call' }, toSkillCall),
      feedback: collect(ratings.rows, FEEDBACK_NAMES, {}, toFeedback),
    };
  } finally {
    await client.end();
  }
}

/** The events of the database that `--database-url`, else DATABASE_URL (environment or .env), names; undefined when neither is set. */
export function storedEvents(databaseUrl: string | undefined, since?: number): Promise<DatabaseEvents | undefined> {
  const url = databaseUrl ?? loadDatabaseConfig().databaseUrl;
  return url === undefined ? Promise.resolve(undefined) : readDatabaseEvents(url, since);
}

/** The skill calls from the log files given; with none, from the database when there is one, else from stdin. */
export async function readSkillCalls(logs: readonly string[], stored: DatabaseEvents | undefined): Promise<ReadResult<SkillCall>> {
  if (logs.length === 0 && stored) return stored.calls;
  const result: ReadResult<SkillCall> = { items: [], skipped: 0 };
  for (const source of logs.length > 0 ? logs : [process.stdin]) {
    const read = await parseSkillCalls(linesOf(source));
    result.items.push(...read.items);
    result.skipped += read.skipped;
  }
  return result;
}
