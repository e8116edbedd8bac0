import { copyFile, rm } from 'node:fs/promises';
import { copyBundledFaq, FAQ_FAULTS, type FaqDir } from '../../scripts/lib/fuzz/faq-faults';
import { bundledFaq, kakaoPayload } from '../helpers';
import { spawnServer, type LogLine, type SpawnedServer } from './spawn-server';

/**
 * A running server whose FAQ file goes bad keeps answering from its last good snapshot. Each fault is
 * injected into the file the server was started with, then the server gets SIGHUP (hot reload, issue 4;
 * the file watcher is off so SIGHUP is the only trigger). The server must stay up, /healthz must report
 * the same data version, the skill must answer an entry with the old text, and the log must say the
 * reload was rejected, naming the file and the problem.
 */

const refused = FAQ_FAULTS.filter((fault) => fault.when === 'before' && fault.expect instanceof RegExp);
const harmless = FAQ_FAULTS.filter((fault) => fault.when === 'before' && !(fault.expect instanceof RegExp));

let files: FaqDir;
let original: string;
let server: SpawnedServer;
let baseUrl: string;

beforeAll(async () => {
  files = await copyBundledFaq();
  original = `${files.dir}/original.json`;
  await copyFile(files.faqFile, original);
  // debug: "FAQ files unchanged" (a BOM decodes to the same text) is logged at debug level
  server = spawnServer({ FAQ_FILE: files.faqFile, SYNONYMS_FILE: files.synonymsFile, LOG_LEVEL: 'debug' });
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
  await server.waitForLine((line) => after(line) && /^(FAQ set reloaded|FAQ reload rejected|FAQ files unchanged)/.test(line.msg), 10_000);
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
