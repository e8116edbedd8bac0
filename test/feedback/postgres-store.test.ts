import { createFeedbackRecorder, FeedbackNotStoredError } from '../../src/feedback/feedback';
import { createPostgresFeedbackStore } from '../../src/feedback/postgres-feedback-store';
import { createPostgresSkillCallSink, type SkillCallEvent } from '../../src/events/skill-call-events';
import { createBatchWriter } from '../../src/postgres/batch-writer';
import { migrate, MIGRATIONS } from '../../src/postgres/migrate';
import { openPool, type Pool } from '../../src/postgres/pool';
import { readDatabaseEvents } from '../../src/cli/report/read-database';
import { captureLogger, freePort } from '../harness';
import { ownCluster, testDatabase, type TestDatabase } from '../hardening/postgres-cluster';

/**
 * The PostgreSQL store against a real server (test/hardening/postgres-cluster.ts): the migration, the
 * batched writers and what `report` reads back, and a database that is not there.
 */

let db: TestDatabase;
const pools: Pool[] = [];
const pool = (url = db.url) => {
  const p = openPool(url, { timeoutMs: 2000 });
  pools.push(p);
  return p;
};

beforeAll(async () => {
  db = await testDatabase();
}, 60_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  await db.close();
});

const call = (i: number): SkillCallEvent => ({
  at: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString(),
  skill: 'faq',
  status: 'ok',
  outcome: i % 2 ? 'answer' : 'fallback',
  ...(i % 2 ? { faqId: `faq-${i}`, confidence: 0.9 } : {}),
  faqSet: 'default',
  faqVersion: 'v1',
  input: 'text',
  userKeyHash: `user-${i % 3}`,
  utterance: `질문 ${i} "따옴표"\n줄바꿈`,
  ms: 1.5,
});

describe('the migration', () => {
  it('applied by several replicas at once, and again later, creates the schema exactly once', async () => {
    const url = await db.another();
    const results = await Promise.all([migrate(pool(url)), migrate(pool(url)), migrate(pool(url))]);
    expect(results.flat()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(pool(url))).toEqual([]);
    const { rows } = await pool(url).query<{ version: number }>('SELECT version FROM kakao_faq_schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('the batched writers', () => {
  it('write skill calls and ratings in batches off the caller, and report reads them back as the log readers would', async () => {
    const url = await db.another();
    const p = pool(url);
    const options = { ready: () => migrate(p).then(() => undefined), maxBuffer: 1000, batchSize: 7, flushMs: 50 };
    const sink = createPostgresSkillCallSink(p, options);
    const store = createPostgresFeedbackStore(p, options);
    const recorder = createFeedbackRecorder({ store, salt: 'a-salt-of-sixteen-chars' });
    for (let i = 0; i < 25; i++) sink.add(call(i));
    await recorder.record({ rating: 'up', source: 'chat', faqId: 'faq-1', faqVersion: 'v1', question: '환불은?', userKey: 'user' });
    await recorder.record({ rating: 'down', source: 'page', faqId: 'kb-1', faqVersion: null, question: '배송은?' });
    await Promise.all([sink.writer.close(10_000), store.writer.close(10_000)]);
    expect(sink.writer.pending() + store.writer.pending()).toBe(0);

    const read = await readDatabaseEvents(url);
    expect(read.calls.skipped).toBe(0);
    expect(read.calls.items).toHaveLength(25);
    expect(read.calls.items[1]).toEqual({
      msg: 'skill call', time: Date.parse(call(1).at), skill: 'faq', status: 'ok', outcome: 'answer', faqId: 'faq-1', confidence: 0.9,
      faqSet: 'default', faqVersion: 'v1', input: 'text', userKeyHash: 'user-1', utterance: call(1).utterance, ms: 1.5,
    });
    expect(read.feedback.items.map((f) => [f.rating, f.faqId, f.faqVersion ?? null, typeof f.userKeyHash])).toEqual([
      ['up', 'faq-1', 'v1', 'string'],
      ['down', 'kb-1', null, 'undefined'],
    ]);
    expect((await readDatabaseEvents(url, Date.parse(call(20).at))).calls.items).toHaveLength(5);
  });
});

describe('rows the database cannot take', () => {
  it('stores U+0000 as U+FFFD, and drops and counts a batch the database refuses instead of holding back the rest', async () => {
    const url = await db.another();
    const p = pool(url);
    const captured = captureLogger();
    const sink = createPostgresSkillCallSink(p, { ready: () => migrate(p).then(() => undefined), maxBuffer: 100, batchSize: 1, flushMs: 20, log: captured.log });
    sink.add({ ...call(1), utterance: 'a\u0000b', botId: 'bot\u0000' });
    sink.add({ ...call(2), at: 'not a time' });
    sink.add(call(3));
    await sink.writer.close(10_000);
    expect(sink.writer.pending()).toBe(0);
    expect(sink.writer.dropped().get('rejected')).toBe(1);
    expect(captured.lines.filter((l) => l.msg === 'the database refused a batch of events; dropped it')).toHaveLength(1);
    const read = await readDatabaseEvents(url);
    expect(read.calls.items.map((c) => c.utterance)).toEqual(['a\uFFFDb', call(3).utterance]);
  });
});

describe('a database that is not there', () => {
  it('never blocks or throws: events buffer up to the bound, the rest are dropped and counted, the log says so once', async () => {
    const down = openPool(`postgres://nobody@127.0.0.1:${await freePort()}/none`, { timeoutMs: 500 });
    pools.push(down);
    const log = captureLogger();
    const writer = createBatchWriter<number>({
      name: 'test',
      insert: async (rows) => void (await down.query('SELECT $1::int', [rows.length])),
      maxBuffer: 10,
      batchSize: 4,
      flushMs: 20,
      log: log.log,
    });
    const taken = Array.from({ length: 30 }, (_, i) => writer.add(i));
    expect(taken.filter(Boolean)).toHaveLength(10);
    expect(writer.dropped().get('buffer_full')).toBe(20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(writer.add(99)).toBe(false);
    expect(log.lines.filter((l) => l.msg === 'database not taking events; buffering them')).toHaveLength(1);
    expect(log.lines.filter((l) => String(l.msg).startsWith('event buffer full'))).toHaveLength(1);
    expect(await writer.close(300)).toBe(0);
    expect(writer.dropped().get('shutdown')).toBe(10);
  });

  it('refuses a rating past the bound with FeedbackNotStoredError, and accepts the ones before it at once', async () => {
    const down = openPool(`postgres://nobody@127.0.0.1:${await freePort()}/none`, { timeoutMs: 500 });
    pools.push(down);
    const store = createPostgresFeedbackStore(down, { maxBuffer: 2, flushMs: 20 });
    const event = { at: new Date().toISOString(), rating: 'up', source: 'chat', faqId: 'f', faqVersion: 'v', question: 'q', userKeyHash: null } as const;
    await store.append(event);
    await store.append(event);
    await expect(store.append(event)).rejects.toEqual(new FeedbackNotStoredError('buffer_full'));
    await store.writer.close(100);
  });
});

describe('a database that stops and comes back', () => {
  it('keeps the events buffered while it is down and writes them all once it is back', async () => {
    const own = await ownCluster();
    try {
      const p = openPool(own.url, { timeoutMs: 1000 });
      pools.push(p);
      const log = captureLogger();
      const sink = createPostgresSkillCallSink(p, { ready: () => migrate(p).then(() => undefined), maxBuffer: 100, flushMs: 50, log: log.log });
      sink.add(call(0));
      while (sink.writer.pending() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      own.stop();
      for (let i = 1; i <= 10; i++) sink.add(call(i));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sink.writer.pending()).toBe(10);
      own.start();
      await sink.writer.close(10_000);
      expect(sink.writer.pending()).toBe(0);
      expect(sink.writer.dropped().size).toBe(0);
      expect(log.lines.map((l) => l.msg).filter((m) => String(m).startsWith('database'))).toEqual([
        'database not taking events; buffering them',
        'database takes events again',
      ]);
      expect((await readDatabaseEvents(own.url)).calls.items).toHaveLength(11);
    } finally {
      await own.close();
    }
  }, 60_000);
});

describe('the test database', () => {
  it('is a real PostgreSQL', async () => {
    const { rows } = await pool().query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
    expect(rows[0]!.v).toBeGreaterThanOrEqual(130000);
  });
});
