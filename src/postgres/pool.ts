import pg from 'pg';
import type { Logger } from '../log';

/**
 * The server's connection pool. Small and impatient on purpose: only the background flushes use it, so a
 * database that is down or slow costs a failed flush (retried later), never a waiting request.
 */
export interface PoolOptions {
  /** Connections at most (default 2: one flush of each kind at a time). */
  max?: number;
  /** How long a connect or a query may take before it fails (default 5000 ms). */
  timeoutMs?: number;
  log?: Logger;
}

export type Pool = pg.Pool;

export function openPool(url: string, options: PoolOptions = {}): Pool {
  const timeoutMs = options.timeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 2,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: 'kakao-faq-skill',
  });
  // An idle connection the server drops (restart, failover) emits 'error' on the pool; unhandled it would
  // end the process. The next flush simply connects again.
  pool.on('error', (error) => options.log?.warn({ err: error }, 'idle PostgreSQL connection lost; the next flush reconnects'));
  return pool;
}

/** The value list of a multi-row INSERT: `($1,$2),($3,$4)` for 2 rows of 2 columns. */
export function valuesList(rows: number, columns: number): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r += 1) {
    const params = Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`);
    tuples.push(`(${params.join(',')})`);
  }
  return tuples.join(',');
}

/** One multi-row INSERT of `rows` (each in `columns` order) into `table`. */
export async function insertRows(pool: Pool, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  await pool.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${valuesList(rows.length, columns.length)}`, rows.flat().map(storable));
}

/**
 * PostgreSQL text cannot hold U+0000, and a user's utterance, a bot id or a tapped question may carry it (valid
 * JSON): it is stored as U+FFFD, as a lone surrogate already is, so one message never makes a whole batch fail.
 */
function storable(value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/**
 * An error the same rows will always get (SQLSTATE class 22, data exception, or 23, integrity constraint): retrying
 * the batch would hold back every later event, so the writer drops it and counts it instead.
 */
export function isRejectedData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}
