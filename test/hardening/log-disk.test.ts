import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledFaq, kakaoPayload, postJson, type RunningServer, startServer } from '../harness';
import { SkillResponseSchema } from '../../src/kakao';
import { mountTmpfs, type Tmpfs } from './tmpfs';

/**
 * Output that cannot be written never stops the replies. The real server (src/main.ts in a child process)
 * logs to a file on a tmpfs that fills up, to /dev/full, and to a pipe nobody reads; and it keeps ratings
 * in a file on a full tmpfs. Every request must still get its normal reply, the losses must show in
 * /metrics, and stderr (or the log) must say so once, not once per line.
 */

const METRICS_TOKEN = 'log-disk-metrics-token-0123456789';
const DROPPED = 'kakao_faq_log_lines_dropped_total';
const LOST_RATINGS = 'kakao_faq_feedback_lost_total';

let server: RunningServer | undefined;
let tmpfs: Tmpfs | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  await server?.stop('SIGTERM', 5_000);
  server = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
  tmpfs?.unmount();
  tmpfs = undefined;
});

async function start(env: Record<string, string>, stdout?: number): Promise<RunningServer> {
  server = await startServer(
    {
      WORKERS: '1',
      METRICS_PORT: 'off',
      METRICS_TOKEN,
      FAQ_WATCH: 'false',
      LOG_LEVEL: 'info',
      LOG_SYNC: 'false',
      USER_RATE_LIMIT: '0',
      USER_KEY_SALT: 'log-disk-salt-0123456789abcdef',
      FEEDBACK_FILE: path.join(os.tmpdir(), `log-disk-feedback-${process.pid}.jsonl`),
      ...env,
    },
    { stdout, startTimeoutMs: 20_000 },
  );
  return server;
}

/** `count` skill calls, `concurrency` at a time; every one must be a 200 with a valid SkillResponse. */
async function skillCalls(s: RunningServer, count: number, concurrency = 8, payload = (i: number) => kakaoPayload(`환불 문의 ${i}`)) {
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const { status, body } = await postJson(`${s.baseUrl}/skill/faq`, payload(i));
        if (status !== 200 || !SkillResponseSchema.safeParse(body).success) failures.push({ i, status, body });
      }
    }),
  );
  expect(failures).toEqual([]);
}

async function expectHealthy(s: RunningServer): Promise<void> {
  const res = await fetch(`${s.baseUrl}/healthz`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe('ready');
}

/** The value of `name{reason="…"}` on /metrics (0 when the series is absent). */
async function metric(s: RunningServer, name: string, reason: string): Promise<number> {
  const res = await fetch(`${s.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const match = new RegExp(`^${name}\\{reason="${reason}"\\} (\\d+)`, 'm').exec(await res.text());
  return match ? Number(match[1]) : 0;
}

/** Waits (bounded) for `check` to hold: the server notices recovery on its next write, not at once. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

const occurrences = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

describe('a log output that cannot be written', () => {
  it('on a filesystem that fills up: keeps serving, counts dropped lines, says so once, and recovers', async () => {
    tmpfs = mountTmpfs('256k');
    const logFile = path.join(tmpfs.dir, 'server.log');
    const fd = openSync(logFile, 'a');
    cleanups.push(() => closeSync(fd));
    const s = await start({}, fd);
    tmpfs.fill();

    await skillCalls(s, 300);
    await expectHealthy(s);
    expect(await metric(s, DROPPED, 'ENOSPC')).toBeGreaterThan(0);
    expect(occurrences(s.stderr(), /log output failing \(ENOSPC\): dropping log lines; see kakao_faq_log_lines_dropped_total/)).toBe(1);

    await tmpfs.free();
    await skillCalls(s, 20);
    await eventually(() => /log output working again/.test(s.stderr()));
    expect(occurrences(s.stderr(), /log output working again after dropping \d+ lines/)).toBe(1);
    // The line the disk filled up in is cut short; every line after it reads whole, the new calls among them.
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    const cut = lines.findIndex((line) => !isJson(line));
    const after = lines.slice(cut + 1);
    expect(after.filter((line) => !isJson(line))).toEqual([]);
    expect(after.some((line) => (JSON.parse(line) as { msg?: string }).msg === 'skill call')).toBe(true);
  }, 60_000);

  it.each(['false', 'true'])('at /dev/full (LOG_SYNC=%s): becomes healthy and answers', async (logSync) => {
    const fd = openSync('/dev/full', 'w');
    cleanups.push(() => closeSync(fd));
    const s = await start({ LOG_SYNC: logSync }, fd);

    await skillCalls(s, 50);
    await expectHealthy(s);
    expect(await metric(s, DROPPED, 'ENOSPC')).toBeGreaterThan(0);
    expect(occurrences(s.stderr(), /log output failing \(ENOSPC\)/)).toBe(1);
  }, 60_000);

  it.each(['false', 'true'])(
    'into a pipe nobody reads (LOG_SYNC=%s): keeps answering with a bounded backlog, dropping and counting the rest',
    async (logSync) => {
      const fifo = makeFifo();
      // A blocking pipe, as a shell or a supervisor hands it over, whose reader never reads; `drainer` reads
      // it later without blocking this test.
      const fd = openSync(fifo, constants.O_RDWR);
      const drainer = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      cleanups.push(() => [fd, drainer].forEach((f) => closeSync(f)));
      const s = await start({ LOG_SYNC: logSync, LOG_BUFFER_BYTES: '64kb' }, fd);

      // ~1,500 lines of ~400 bytes: the 64 KiB pipe buffer and the 64 KiB backlog, many times over
      await skillCalls(s, 1500);
      await expectHealthy(s);
      expect(await metric(s, DROPPED, 'backlog_full')).toBeGreaterThan(0);
      expect(occurrences(s.stderr(), /log output failing \(backlog_full\)/)).toBe(1);

      // Once someone reads, the held lines go out, and the server says the output works again.
      const buffer = Buffer.alloc(1 << 16);
      const drain = () => {
        try {
          while (readSync(drainer, buffer) > 0);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        }
      };
      for (let i = 0; i < 50 && occurrences(s.stderr(), /log output working again/) === 0; i++) {
        drain();
        await skillCalls(s, 5);
      }
      expect(occurrences(s.stderr(), /log output working again after dropping \d+ lines/)).toBe(1);
    },
    90_000,
  );

  it.each(['false', 'true'])('into a pipe whose reader went away (LOG_SYNC=%s): answers, counting EPIPE', async (logSync) => {
    const fifo = makeFifo();
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const fd = openSync(fifo, constants.O_WRONLY);
    cleanups.push(() => closeSync(fd));
    const s = await start({ LOG_SYNC: logSync }, fd);
    closeSync(reader);

    await skillCalls(s, 50);
    await expectHealthy(s);
    expect(await metric(s, DROPPED, 'EPIPE')).toBeGreaterThan(0);
    expect(occurrences(s.stderr(), /log output failing \(EPIPE\)/)).toBe(1);
  }, 60_000);
});

/** A named pipe in a fresh folder, removed after the test. */
function makeFifo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'log-pipe-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const fifo = path.join(dir, 'stdout');
  execFileSync('mkfifo', [fifo]);
  return fifo;
}

describe('a feedback file on a full disk', () => {
  it('still thanks every rating tap, counts the lost ratings, and logs the failure once', async () => {
    tmpfs = mountTmpfs('256k');
    const s = await start({ FEEDBACK_FILE: path.join(tmpfs.dir, 'feedback.jsonl') });
    tmpfs.fill();
    const faqId = (await bundledFaq()).entries[0]!.id;
    const tap = () => kakaoPayload('도움이 됐어요', { clientExtra: { feedback: 'up', faqId } });

    await skillCalls(s, 20, 4, tap);
    expect(await metric(s, LOST_RATINGS, 'ENOSPC')).toBe(20);
    const failing = s.lines.filter((line) => line.msg === 'feedback file not writable; ratings are being lost');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ reason: 'ENOSPC' });
    expect(s.lines.filter((line) => line.msg === 'could not record feedback')).toEqual([]);

    await tmpfs.free();
    await skillCalls(s, 3, 1, tap);
    await s.waitForLine((line) => line.msg === 'feedback file writable again', 5_000);
    expect(readFileSync(path.join(tmpfs.dir, 'feedback.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toHaveLength(3);
    expect(await metric(s, LOST_RATINGS, 'ENOSPC')).toBe(20);
  }, 60_000);
});

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
