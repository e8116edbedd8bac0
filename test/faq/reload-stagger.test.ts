import { writeFile } from 'node:fs/promises';
import { startServer, type LogLine, type RunningServer } from '../harness';
import { faqFileText, sampleDataDir, sampleEntries } from './sample-data';

/**
 * Issue 15: the workers of a cluster never all rebuild at once. The primary gives each worker a slot, and a
 * worker waits slot × FAQ_RELOAD_STAGGER_MS before it starts a reload (src/cluster.ts,
 * src/faq/sets/live-sets.ts): with two workers, one reloads at once and the other after one stagger.
 */

let server: RunningServer | undefined;
let data: Awaited<ReturnType<typeof sampleDataDir>>;

beforeAll(async () => {
  data = await sampleDataDir();
});

afterAll(async () => {
  await server?.stop();
  await data.cleanup();
});

describe('a SIGHUP to a cluster of two workers', () => {
  it('reloads one worker at once and the other one stagger later, both to the new version', async () => {
    server = await startServer({ WORKERS: '2', FAQ_FILE: data.faqFile, SYNONYMS_FILE: data.synonymsFile, FAQ_RELOAD_STAGGER_MS: '700' });
    const running = server;
    await running.waitForLine(() => running.lines.filter((l) => l.msg === 'listening').length >= 2);
    const workerPids = new Set(running.lines.filter((l) => l.msg === 'listening').map((l) => l.pid));

    await writeFile(data.faqFile, faqFileText(sampleEntries(2)));
    const from = running.lines.length;
    const since = (l: LogLine) => running.lines.indexOf(l) >= from;
    running.child.kill('SIGHUP');
    await running.waitForLine(() => running.lines.filter((l) => since(l) && l.msg === 'FAQ set reloaded').length >= 2, 30_000);

    const after = running.lines.slice(from);
    const reloaded = after.filter((l) => l.msg === 'FAQ set reloaded');
    expect(new Set(reloaded.map((l) => l.pid))).toEqual(workerPids);
    expect(new Set(reloaded.map((l) => l.faqVersion)).size).toBe(1);
    const staggered = after.filter((l) => l.msg.startsWith('FAQ reload staggered'));
    expect(staggered).toHaveLength(1);
    expect(staggered[0]).toMatchObject({ delayMs: 700, trigger: 'SIGHUP' });
  }, 60_000);
});
