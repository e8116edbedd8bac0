import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copyBundledFaq, FAQ_FAULTS, type FaqDir } from '../../src/cli/fuzz/faq-faults';
import { bundledFaq, kakaoPayload, type LogLine, type ServerProcess, spawnServer } from '../harness';

/**
 * A running server whose FAQ file goes bad keeps answering from its last good snapshot. Each fault is
 * injected into the file the server was started with, then the server gets SIGHUP (hot reload, issue 4;
 * the file watcher is off so SIGHUP is the only trigger). The server must stay up, /healthz must report
 * the same data version, the skill must answer an entry with the old text, and the log must say the
 * reload was rejected, naming the file and the problem. A file that empties the FAQ or drops most of it is
 * refused the same way (the shrink guard) until the operator touches FAQ_RELOAD_FORCE_FILE; /healthz shows
 * only the kind of error, never the file's path or content.
 */

const refused = FAQ_FAULTS.filter((fault) => fault.when === 'before' && fault.expect instanceof RegExp);
const harmless = FAQ_FAULTS.filter((fault) => fault.when === 'before' && !(fault.expect instanceof RegExp));

let files: FaqDir;
let original: string;
let server: ServerProcess;
let baseUrl: string;
let forceFile: string;
const METRICS_TOKEN = 'reload-faults-metrics-token';

beforeAll(async () => {
  files = await copyBundledFaq();
  original = `${files.dir}/original.json`;
  forceFile = path.join(files.dir, 'faq-reload-force');
  await copyFile(files.faqFile, original);
  // info, the default: every reload outcome, "FAQ files unchanged" included, must be readable at it
  server = spawnServer({ FAQ_FILE: files.faqFile, SYNONYMS_FILE: files.synonymsFile, FAQ_RELOAD_FORCE_FILE: forceFile, METRICS_TOKEN });
  baseUrl = `http://127.0.0.1:${await server.port()}`;
}, 30_000);

afterAll(async () => {
  await server.stop();
  await files.cleanup();
});

async function restore(): Promise<void> {
  await rm(files.faqFile, { recursive: true, force: true });
  await rm(`${files.faqFile}.loop`, { force: true });
  await copyFile(original, files.faqFile);
}

/** Sends SIGHUP and returns the log lines written after it, up to and including the reload's outcome. */
async function sighup(): Promise<LogLine[]> {
  const before = server.lines.length;
  server.child.kill('SIGHUP');
  const after = (line: LogLine) => server.lines.indexOf(line) >= before;
  await server.waitForLine((line) => after(line) && /^(FAQ set reloaded|FAQ reload rejected|FAQ reload refused|FAQ files unchanged)/.test(line.msg), 10_000);
  return server.lines.slice(before);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(strings);
}

async function expectStillServingOldData(): Promise<void> {
  const faq = await bundledFaq();
  const entry = faq.entries[10]!;
  const health = await fetch(`${baseUrl}/healthz`).then((r) => r.json() as Promise<{ faq: { version: string } }>);
  expect(health.faq.version).toBe(faq.version);
  const res = await fetch(`${baseUrl}/skill/faq`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(kakaoPayload('이 질문', { clientExtra: { faqId: entry.id } })),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { data: Record<string, unknown> }).data).toMatchObject({ outcome: 'answer', faqId: entry.id, question: entry.question });
}

describe('SIGHUP after the FAQ file went bad', () => {
  it.each(refused.map((fault) => [fault.name, fault] as const))('%s: keeps serving the last good data', async (_name, fault) => {
    await restore();
    await fault.inject(files.faqFile);
    const lines = await sighup();
    expect(server.child.exitCode).toBeNull();
    await expectStillServingOldData();
    const rejected = lines.filter((l) => l.level >= 50 && l.msg.startsWith('FAQ reload rejected'));
    expect(rejected).toHaveLength(1);
    const logged = strings(rejected[0]);
    expect(logged.some((s) => s.includes(files.faqFile))).toBe(true);
    expect(logged.some((s) => (fault.expect as RegExp).test(s))).toBe(true);
  }, 20_000);

  it.each(harmless.map((fault) => [fault.name, fault] as const))('%s: reloads and answers', async (_name, fault) => {
    await restore();
    await fault.inject(files.faqFile);
    const lines = await sighup();
    expect(server.child.exitCode).toBeNull();
    expect(lines.filter((l) => l.msg.startsWith('FAQ reload rejected'))).toEqual([]);
    const health = await fetch(`${baseUrl}/healthz`).then((r) => r.json() as Promise<{ faq: { version: string } }>);
    expect(health.faq.version === (await bundledFaq()).version).toBe(fault.expect === 'loads');
  }, 20_000);

  it('serves the good data again after the file is restored', async () => {
    await restore();
    await sighup();
    await expectStillServingOldData();
    expect(server.lines.filter((l) => l.level >= 60)).toEqual([]);
  }, 20_000);
});

describe('SIGHUP after the FAQ file lost entries', () => {
  /** The bundled FAQ (50 entries) cut to its first `count` entries. */
  async function keepEntries(count: number): Promise<void> {
    const faq = JSON.parse(await readFile(original, 'utf8')) as { entries: unknown[] };
    await writeFile(files.faqFile, JSON.stringify({ ...faq, entries: faq.entries.slice(0, count) }));
  }
  const entriesServed = async () => ((await fetch(`${baseUrl}/healthz`).then((r) => r.json())) as { faq: { entries: number } }).faq.entries;
  const reloadFailures = async () => {
    const text = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
    return Number(/^kakao_faq_reload_failures_total\{set="default"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  };
  const refusal = (lines: LogLine[]) => lines.filter((l) => l.level === 50 && l.msg === 'FAQ reload refused by the shrink guard; still serving the previous version');

  it('refuses a file with no entries and keeps answering from the old data', async () => {
    await restore();
    await keepEntries(0);
    const refused = refusal(await sighup());
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ kind: 'empty', file: files.faqFile, entries: 50 });
    expect(server.child.exitCode).toBeNull();
    await expectStillServingOldData();
  }, 20_000);

  it('refuses dropping more than half of the entries, then accepts it once FAQ_RELOAD_FORCE_FILE is touched', async () => {
    await restore();
    await keepEntries(10);
    const failuresBefore = await reloadFailures();
    const refused = refusal(await sighup());
    expect(refused).toHaveLength(1);
    expect(await reloadFailures()).toBe(failuresBefore + 1);
    expect(strings(refused[0])).toContain(`would remove 40 of the 50 entries (80%), more than FAQ_RELOAD_MAX_SHRINK=0.5 allows; if that is intended, touch ${forceFile} and reload again (SIGHUP), or restart the server (a restart loads the new file)`);
    await expectStillServingOldData();

    await writeFile(forceFile, '');
    const forced = (await sighup()).filter((l) => l.msg === 'FAQ set reloaded, forced past the shrink guard');
    expect(forced).toMatchObject([{ level: 40, entries: 10, previousEntries: 50, forced: true }]);
    expect(await entriesServed()).toBe(10);

    await restore(); // growing back needs no force
    expect((await sighup()).filter((l) => l.msg === 'FAQ set reloaded')).toMatchObject([{ level: 30, entries: 50, previousEntries: 10 }]);
    await expectStillServingOldData();
  }, 30_000);

  it('logs at info that nothing changed when the files are the same', async () => {
    await restore();
    await sighup();
    const lines = await sighup();
    expect(lines.filter((l) => l.msg === 'FAQ files unchanged; nothing to reload')).toMatchObject([{ level: 30, trigger: 'SIGHUP', entries: 50 }]);
  }, 20_000);
});

describe('/healthz after a rejected reload', () => {
  it('names the set and the kind of error, never the file path or its bytes; the log has the detail', async () => {
    await restore();
    const content = 'API_TOKEN=sk_live_7c1f9a2e4b6d8f0a\nroot:x:0:0:root:/root:/bin/bash\n';
    await writeFile(files.faqFile, content);
    const rejected = (await sighup()).filter((l) => l.msg === 'FAQ reload rejected; still serving the previous version');
    expect(rejected).toHaveLength(1);

    const body = await fetch(`${baseUrl}/healthz`).then((r) => r.text());
    expect(JSON.parse(body).faqSets.default.reloadError).toEqual({ at: expect.any(String), kind: 'invalid_json' });
    expect(body).not.toContain(files.dir);
    expect(body).not.toContain('faq.json');
    const windows = Array.from({ length: content.length - 5 }, (_, i) => content.slice(i, i + 6));
    expect(windows.filter((w) => body.includes(w))).toEqual([]);

    const logged = strings(rejected[0]).join('\n');
    expect(logged).toContain(files.faqFile);
    expect(logged).toContain('API_TOKEN=');
    await restore();
    await sighup();
  }, 20_000);
});
