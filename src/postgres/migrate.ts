import type { Pool } from './pool';

/**
 * The schema, as versioned SQL applied in order at start-up. A migration is never edited once released:
 * a change is a new version. Applied versions are kept in `kakao_faq_schema_migrations`.
 *
 * Several replicas start at once: each takes the same transaction-level advisory lock first, so one applies
 * what is missing while the others wait, then find nothing left to do. The lock ends with the transaction.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'feedback and skill-call events',
    sql: `
      CREATE TABLE kakao_faq_feedback (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        rating text NOT NULL CHECK (rating IN ('up', 'down')),
        source text NOT NULL,
        faq_id text NOT NULL,
        faq_version text,
        question text NOT NULL,
        user_key_hash text
      );
      CREATE INDEX kakao_faq_feedback_at ON kakao_faq_feedback (at);
      CREATE TABLE kakao_faq_skill_calls (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        skill text NOT NULL,
        status text NOT NULL,
        outcome text NOT NULL,
        faq_id text,
        confidence double precision,
        bot_id text,
        faq_set text NOT NULL,
        faq_version text NOT NULL,
        input text NOT NULL,
        user_key_hash text,
        utterance text,
        asked text,
        ms double precision NOT NULL,
        cached boolean NOT NULL DEFAULT false
      );
      CREATE INDEX kakao_faq_skill_calls_at ON kakao_faq_skill_calls (at);`,
  },
];

/** Any fixed number, the same in every replica: "kakao-faq" in ASCII. */
const MIGRATION_LOCK = 0x6b616b616f;

/** Applies the missing migrations; resolves with the versions this call applied (none when up to date). */
export async function migrate(pool: Pool, migrations = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS kakao_faq_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM kakao_faq_schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO kakao_faq_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
