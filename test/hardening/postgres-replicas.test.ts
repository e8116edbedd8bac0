import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bundledFaq, freePort, kakaoPayload, postJson, ROOT, startServer, type RunningServer } from '../harness';
import { SkillResponseSchema } from '../../src/kakao';
import { testDatabase, type TestDatabase } from './postgres-cluster';

/**
 * Many replicas, one PostgreSQL (DATABASE_URL): two real server processes write their skill calls and
 * ratings into one database and `kakao-faq report` reads them all back; a database that is not there
 * costs events, never replies.
 */

const METRICS_TOKEN = 'postgres-metrics-token-0123456789';
let db: TestDatabase;
const servers: RunningServer[] = [];

beforeAll(async () => {
  db = await testDatabase();
}, 60_000);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop('SIGTERM', 10_000)));
});
afterAll(async () => {
  await db?.close();
});

async function start(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const s = await startServer({ WORKERS: '1', DATABASE_URL: databaseUrl, METRICS_TOKEN, USER_RATE_LIMIT: '0', ...env }, { startTimeoutMs: 30_000 });
  servers.push(s);
  return s;
}

/** Sends each payload; every reply must be HTTP 200 with a valid SkillResponse. */
async function send(s: RunningServer, payloads: readonly unknown[]): Promise<void> {
  const failures: unknown[] = [];
  await Promise.all(
    payloads.map(async (payload, i) => {
      const { status, body } = await postJson(`${s.baseUrl}/skill/faq`, payload);
      if (status !== 200 || !SkillResponseSchema.safeParse(body).success) failures.push({ i, status, body });
    }),
  );
  expect(failures).toEqual([]);
}

const questions = (n: number, user: string) =>
  Array.from({ length: n }, (_, i) => kakaoPayload(`환불 문의 ${i}`, { userId: user.repeat(64).slice(0, 64) }));

describe('two replicas with one DATABASE_URL', () => {
  it('land their skill calls and ratings in one database, and report reads them all', async () => {
    const [a, b] = await Promise.all([start(db.url), start(db.url)]);
    const faqId = (await bundledFaq()).entries[0]!.id;
    const tap = (rating: 'up' | 'down') => kakaoPayload('도움이 됐어요', { clientExtra: { feedback: rating, faqId } });
    await Promise.all([
      send(a, [...questions(12, 'a'), tap('up'), tap('up'), tap('up')]),
      send(b, [...questions(8, 'b'), tap('down'), tap('down')]),
    ]);
    // SIGTERM flushes what is still buffered (bounded) before the process exits
    expect(await Promise.all(servers.splice(0).map((s) => s.stop('SIGTERM', 15_000)))).toEqual([0, 0]);

    const { stdout } = await promisify(execFile)(process.execPath, ['bin/kakao-faq.cjs', 'report', '--json', '--database-url', db.url], { cwd: ROOT });
    const report = JSON.parse(stdout) as { calls: number; questions: number; users: number; feedback: { up: number; down: number } };
    expect(report).toMatchObject({ calls: 25, questions: 20, feedback: { up: 3, down: 2 } });
    expect(report.users).toBe(3);
  });
});

describe('a database that is down', () => {
  it('still answers every call 200, counts events past the buffer bound as dropped, says so once, and exits without hanging', async () => {
    const nowhere = `postgres://kakao@127.0.0.1:${await freePort()}/kakao_faq`;
    const s = await start(nowhere, { EVENTS_BUFFER_MAX: '5' });
    await send(s, questions(20, 'c'));
    const res = await fetch(`${s.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();
    const dropped = (store: string, reason: string) =>
      Number(new RegExp(`^kakao_faq_events_dropped_total\\{store="${store}",reason="${reason}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    expect(dropped('skill_calls', 'buffer_full')).toBe(15);
    expect(dropped('feedback', 'buffer_full')).toBe(0);
    expect(s.lines.filter((l) => String(l.msg).startsWith('event buffer full'))).toHaveLength(1);
    servers.splice(0);
    expect(await s.stop('SIGTERM', 15_000)).toBe(0);
    expect(s.lines.some((l) => l.msg === 'stopped')).toBe(true);
  });
});
