import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFeedbackRecorder, FeedbackNotStoredError, type FeedbackEvent } from '../../src/feedback/feedback';
import { hashUserKey } from '../../src/user-key';
import { createJsonlFeedbackStore } from '../../src/feedback/jsonl-feedback-store';
import { createMemoryFeedbackStore } from '../../src/feedback/memory-feedback-store';
import { generatedSaltWarning, resolveUserKeySalt } from '../../src/feedback/user-key-salt';
import { captureLogger } from '../harness';
import { mountTmpfs } from '../hardening/tmpfs';

const SALT = 'a-salt-of-sixteen-chars';
const USER = '8dcae25ae7508eafa4dd2207fbf9418753597a7116ca862072a4e50f087e6a99';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feedback-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function event(i: number): FeedbackEvent {
  return { at: '2026-11-23T03:00:00.000Z', rating: i % 2 ? 'up' : 'down', source: 'chat', faqId: `faq-${i}`, faqVersion: 'abc', question: `질문 ${i} "따옴표"\n줄바꿈`, userKeyHash: null };
}

describe('the feedback recorder', () => {
  it('records id, version, rating, time and an HMAC of the user key, never the key itself', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createFeedbackRecorder({ store, salt: SALT, now: () => new Date('2026-11-23T03:04:05.000Z') });
    const recorded = await recorder.record({ rating: 'up', source: 'chat', faqId: 'faq-1', faqVersion: 'v1', question: '질문?', userKey: USER });
    expect(store.events).toEqual([recorded]);
    expect(recorded).toEqual({
      at: '2026-11-23T03:04:05.000Z',
      rating: 'up',
      source: 'chat',
      faqId: 'faq-1',
      faqVersion: 'v1',
      question: '질문?',
      // the skill-call log line's hash (src/user-key.ts): the first 128 bits of the HMAC
      userKeyHash: createHmac('sha256', SALT).update(USER).digest('hex').slice(0, 32),
    });
    expect(JSON.stringify(store.events)).not.toContain(USER);
  });

  it('hashes the same user the same way under one salt and differently under another', () => {
    expect(hashUserKey(USER, SALT)).toBe(hashUserKey(USER, SALT));
    expect(hashUserKey(USER, SALT)).not.toBe(hashUserKey(USER, `${SALT}x`));
    expect(hashUserKey(USER, SALT)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('stores no user hash when there is no user key (the answer page)', async () => {
    const store = createMemoryFeedbackStore();
    const recorder = createFeedbackRecorder({ store, salt: SALT });
    const recorded = await recorder.record({ rating: 'down', source: 'page', faqId: 'faq-1', faqVersion: 'v1', question: 'q', userKey: '' });
    expect(recorded.userKeyHash).toBeNull();
  });

  it('refuses a salt shorter than 16 characters', () => {
    expect(() => createFeedbackRecorder({ store: createMemoryFeedbackStore(), salt: 'short' })).toThrow(RangeError);
  });
});

describe('the JSONL feedback store', () => {
  it('creates the folder and appends one JSON line per event, keeping what was there', async () => {
    const file = path.join(dir, 'nested', 'var', 'feedback.jsonl');
    const store = createJsonlFeedbackStore(file);
    await store.append(event(0));
    await store.append(event(1));
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([event(0), event(1)]);

    // A second store on the same file (a restart) appends after the existing lines.
    await createJsonlFeedbackStore(file).append(event(2));
    expect((await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([event(0), event(1), event(2)]);
  });

  it('never interleaves lines when many events are appended at once', async () => {
    const file = path.join(dir, 'feedback.jsonl');
    const store = createJsonlFeedbackStore(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(event(i))));
    const parsed = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as FeedbackEvent);
    expect(parsed).toHaveLength(200);
    expect(new Set(parsed.map((e) => e.faqId)).size).toBe(200);
  });

  it('rejects when the file cannot be written, naming the reason, and counts the lost rating', async () => {
    const folderInTheWay = path.join(dir, 'feedback.jsonl');
    await mkdir(folderInTheWay);
    const store = createJsonlFeedbackStore(folderInTheWay);
    await expect(store.append(event(0))).rejects.toMatchObject({ name: 'FeedbackNotStoredError', reason: 'EISDIR' });
    expect(Object.fromEntries(store.lostRatings())).toEqual({ EISDIR: 1 });
  });

  it('on a full disk loses each rating with a count, logs the failure once, and once more when there is room', async () => {
    const tmpfs = mountTmpfs('256k');
    try {
      const logged = captureLogger();
      const file = path.join(tmpfs.dir, 'feedback.jsonl');
      const store = createJsonlFeedbackStore(file, { log: logged.log });
      tmpfs.fill();
      const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => store.append(event(i))));
      expect(results.map((r) => r.status === 'rejected' && (r.reason as FeedbackNotStoredError).reason)).toEqual(Array(30).fill('ENOSPC'));
      expect(Object.fromEntries(store.lostRatings())).toEqual({ ENOSPC: 30 });
      expect(logged.lines.map((l) => [l.msg, l.reason])).toEqual([['feedback file not writable; ratings are being lost', 'ENOSPC']]);

      await tmpfs.free();
      await store.append(event(30));
      await store.append(event(31));
      expect(logged.lines.slice(1).map((l) => [l.msg, l.lost])).toEqual([['feedback file writable again', 30]]);
      expect((await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as FeedbackEvent)).toEqual([event(30), event(31)]);
    } finally {
      tmpfs.unmount();
    }
  });

  it('refuses a rating at once while maxPending events wait on a file that does not answer', async () => {
    // A named pipe with no reader: opening it for writing waits until someone reads, like a hung disk.
    const file = path.join(dir, 'feedback.jsonl');
    execFileSync('mkfifo', [file]);
    const store = createJsonlFeedbackStore(file, { maxPending: 2 });
    const waiting = [store.append(event(0)), store.append(event(1))];
    await expect(store.append(event(2))).rejects.toThrow(new FeedbackNotStoredError('backlog_full'));
    expect(Object.fromEntries(store.lostRatings())).toEqual({ backlog_full: 1 });

    // a reader lets the waiting appends through
    const reader = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      await Promise.all(waiting);
    } finally {
      closeSync(reader);
    }
  });
});

describe('the user-key salt', () => {
  it('uses USER_KEY_SALT when it is set and writes nothing', async () => {
    const feedbackFile = path.join(dir, 'var', 'feedback.jsonl');
    expect(await resolveUserKeySalt({ userKeySalt: SALT, feedbackFile })).toBe(SALT);
    await expect(stat(path.join(dir, 'var'))).rejects.toThrow();
  });

  it('otherwise creates a private random salt next to the feedback file once and reuses it', async () => {
    const feedbackFile = path.join(dir, 'var', 'feedback.jsonl');
    const first = await resolveUserKeySalt({ userKeySalt: undefined, feedbackFile });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dir, 'var', 'user-key-salt');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await resolveUserKeySalt({ userKeySalt: undefined, feedbackFile })).toBe(first);
    const other = path.join(dir, 'other', 'feedback.jsonl');
    expect(await resolveUserKeySalt({ userKeySalt: undefined, feedbackFile: other })).not.toBe(first);
  });

  it('warns that several instances need one USER_KEY_SALT only when the salt is made here and the server is public', () => {
    const publicUrl = 'https://faq.example.com';
    expect(generatedSaltWarning({ userKeySalt: undefined, publicBaseUrl: publicUrl })).toMatch(/^USER_KEY_SALT is not set.*Several instances need one USER_KEY_SALT.*403 stale_form/);
    expect(generatedSaltWarning({ userKeySalt: SALT, publicBaseUrl: publicUrl })).toBeUndefined();
    for (const local of ['http://localhost:8080', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      expect(generatedSaltWarning({ userKeySalt: undefined, publicBaseUrl: local })).toBeUndefined();
    }
  });

  it('refuses a salt file that holds too little to be a salt', async () => {
    await writeFile(path.join(dir, 'user-key-salt'), 'abc\n');
    await expect(resolveUserKeySalt({ userKeySalt: undefined, feedbackFile: path.join(dir, 'feedback.jsonl') })).rejects.toThrow(
      /no salt of 16\+ characters/,
    );
  });
});
