import { writeFile } from 'node:fs/promises';
import type { FaqEntryInput } from '../../src/faq/faq-schema';
import { openFaqSets, staggerDelayMs, type LiveFaqSets } from '../../src/faq/sets/live-sets';
import { singleSetLayout } from '../../src/faq/sets/sets-file';
import { captureLogger, startServer, type LogLine, type RunningServer } from '../harness';
import { faqFileText, sampleDataDir, sampleEntries } from './sample-data';

/**
 * Issue 15: the workers of a cluster never all rebuild at once. The primary gives each worker a slot, and a
 * worker waits slot × the longer of FAQ_RELOAD_STAGGER_MS and 1.25 × its own last build before it starts a
 * reload (src/cluster.ts, src/faq/sets/live-sets.ts): with two workers, one reloads at once and the other after
 * one stagger.
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

describe('staggerDelayMs', () => {
  it('waits nothing in the first slot, and per slot the longer of the floor and 1.25 × the last build', () => {
    expect(staggerDelayMs(0, 5000, 60_000)).toBe(0);
    expect(staggerDelayMs(1, 5000, 40)).toBe(5000);
    expect(staggerDelayMs(1, 5000, 9_000)).toBe(11_250);
    expect(staggerDelayMs(2, 5000, 9_000)).toBe(22_500);
    expect(staggerDelayMs(1, 0, 7)).toBe(9);
  });

  it('guesses at most two minutes per slot from a build, but waits the configured floor however long', () => {
    expect(staggerDelayMs(1, 0, 10 * 60_000)).toBe(120_000);
    expect(staggerDelayMs(3, 0, 10 * 60_000)).toBe(360_000);
    expect(staggerDelayMs(1, 300_000, 0)).toBe(300_000);
    expect(staggerDelayMs(2, 300_000, 10 * 60_000)).toBe(600_000);
  });
});

describe('a worker in the second slot, with no floor (FAQ_RELOAD_STAGGER_MS=0)', () => {
  let sets: LiveFaqSets | undefined;
  let files: Awaited<ReturnType<typeof sampleDataDir>> | undefined;

  afterAll(async () => {
    sets?.close();
    await files?.cleanup();
  });

  it('waits after its own last build (indexing, not reading): the load first, then the last reload that built, not one that found the files unchanged', async () => {
    files = await sampleDataDir();
    const captured = captureLogger();
    const { log } = captured;
    // big enough that a build takes a measurable while
    await writeFile(files.faqFile, faqFileText(manyEntries(3000, 1)));
    sets = await openFaqSets(singleSetLayout(files), { log, reloadSlot: () => 1, reloadStaggerMs: 0 });
    const waits = () => captured.lines.filter((l) => l.msg === 'FAQ reload staggered: waiting for the workers before this one').map((l) => l.delayMs as number);

    await writeFile(files.faqFile, faqFileText(manyEntries(3000, 2)));
    const [first] = await sets.reloadAll('SIGHUP');
    if (first?.status !== 'swapped') throw new Error(`expected a swap, got ${first?.status}`);
    // the wait before it came from the load's build time alone: the floor is 0
    const loadBuildMs = sets.sets[0]!.loadBuildMs;
    expect(loadBuildMs).toBeGreaterThan(0);
    expect(waits()).toEqual([staggerDelayMs(1, 0, loadBuildMs)]);
    // indexing is part of a reload, which also reads and checks the files
    const reloadMs = captured.lines.find((l) => l.msg === 'FAQ set reloaded')!.ms as number;
    expect(first.buildMs).toBeLessThanOrEqual(reloadMs + 1);

    const [unchanged] = await sets.reloadAll('SIGHUP');
    expect(unchanged!.status).toBe('unchanged');
    const [again] = await sets.reloadAll('SIGHUP');
    expect(again!.status).toBe('unchanged');
    // both waits come from the reload that built, not from the quick unchanged ones
    expect(waits()).toHaveLength(3);
    expect(waits()[1]).toBe(staggerDelayMs(1, 0, first.buildMs));
    expect(waits()[2]).toBe(waits()[1]);
  }, 60_000);
});

function manyEntries(count: number, generation: number): FaqEntryInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `faq-${i}`,
    categories: ['테스트 서비스', `메뉴 ${i % 40}`],
    question: `질문 ${i}번: 예약 ${i % 97} 상품의 환불 계좌를 바꾸려면 어떻게 하나요?`,
    answer: `설정 > 결제 > 환불 계좌 ${i}에서 바꿉니다. (버전 ${generation})`,
  }));
}
