import { utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openFaqSet, type FaqSetOptions } from '../../src/faq/sets/reloadable-set';
import { createFaqSets } from '../../src/faq/sets/set-selection';
import { FaqDataError } from '../../src/faq/load-faq';
import { captureLogger } from '../harness';
import { faqFileText, sampleDataDir, sampleEntries } from './sample-data';

/**
 * The shrink guard (src/faq/reload-guard.ts) on real files: a set never opens empty, a reload that
 * empties it or removes more than FAQ_RELOAD_MAX_SHRINK of it is refused (old data keeps serving, the log
 * says why and how to force it), and touching the force file lets one such reload through.
 */

let data: Awaited<ReturnType<typeof sampleDataDir>>;
let forceFile: string;
beforeEach(async () => {
  data = await sampleDataDir();
  forceFile = path.join(data.dir, 'faq-reload-force');
});
afterEach(() => data.cleanup());

/** Ten entries: the four samples and six more. */
function tenEntries(generation: number) {
  const extra = Array.from({ length: 6 }, (_, i) => ({ id: `faq-extra-${i}`, categories: ['기타'], question: `추가 질문 ${i}번은 무엇인가요?`, answer: `추가 답변 ${i}` }));
  return sampleEntries(generation, extra);
}

async function openTen(options: Partial<FaqSetOptions> = {}) {
  await writeFile(data.faqFile, faqFileText(tenEntries(1)));
  const capture = captureLogger();
  const set = await openFaqSet('default', data, { log: capture.log, guard: { maxShrink: 0.5, forceFile }, ...options });
  // `capture.lines` is a getter: each read parses the lines written so far
  return { set, lastLine: () => capture.lines.at(-1) };
}

/** Sets the marker's modification time, as `touch` does (explicit times: the test needs no clock). */
async function touchAt(seconds: number): Promise<void> {
  await writeFile(forceFile, '');
  await utimes(forceFile, seconds, seconds);
}

describe('a FAQ set with no entries', () => {
  it('does not open, and the error names the file and says what to do', async () => {
    await writeFile(data.faqFile, faqFileText([]));
    const opening = openFaqSet('default', data, { log: captureLogger().log });
    await expect(opening).rejects.toThrow(FaqDataError);
    await expect(opening).rejects.toMatchObject({ kind: 'empty', file: data.faqFile });
    await expect(opening).rejects.toThrow(`FAQ data file ${data.faqFile} is not usable:\n  - has no entries`);
  });
});

describe('reloading a set with fewer entries', () => {
  it('refuses a file with no entries, keeps serving the old data and logs the refusal with the way to force it', async () => {
    const { set, lastLine } = await openTen();
    const serving = set.current();
    await writeFile(data.faqFile, faqFileText([]));
    const result = await set.reload('SIGHUP');
    expect(result.status).toBe('failed');
    expect(set.current()).toBe(serving);
    expect(set.lastFailure()).toMatchObject({ kind: 'empty', file: data.faqFile });
    expect(lastLine()).toMatchObject({
      level: 50,
      kind: 'empty',
      entries: 10,
      file: data.faqFile,
      msg: 'FAQ reload refused by the shrink guard; still serving the previous version',
    });
    expect((lastLine()!.problems as string[])[0]).toContain(`touch ${forceFile} and reload again`);
  });

  it('refuses removing more than the configured share, and accepts removing less', async () => {
    const { set, lastLine } = await openTen();
    await writeFile(data.faqFile, faqFileText(sampleEntries(2))); // 4 of 10 left: 60 % removed
    expect((await set.reload('SIGHUP')).status).toBe('failed');
    expect(set.current().store.size).toBe(10);
    expect(set.lastFailure()).toMatchObject({ kind: 'shrunk', problems: [expect.stringContaining('would remove 6 of the 10 entries (60%)')] });
    // where the marker cannot be touched (a read-only container), the operator needs the other way out
    expect(set.lastFailure()!.problems[0]).toContain(`touch ${forceFile} and reload again (SIGHUP), or restart the server (a restart loads the new file)`);

    await writeFile(data.faqFile, faqFileText(tenEntries(2).slice(0, 6))); // 40 % removed
    const accepted = await set.reload('SIGHUP');
    expect(accepted).toMatchObject({ status: 'swapped', forced: false });
    expect(set.current().store.size).toBe(6);
    expect(lastLine()).toMatchObject({ level: 30, entries: 6, previousEntries: 10, msg: 'FAQ set reloaded' });
  });

  it('follows FAQ_RELOAD_MAX_SHRINK: 1 refuses only emptying, 0 refuses any shrink', async () => {
    const loose = await openTen({ guard: { maxShrink: 1 } });
    await writeFile(data.faqFile, faqFileText(sampleEntries(2).slice(0, 1)));
    expect((await loose.set.reload('SIGHUP')).status).toBe('swapped');
    await writeFile(data.faqFile, faqFileText([]));
    expect((await loose.set.reload('SIGHUP')).status).toBe('failed');

    const strict = await openTen({ guard: { maxShrink: 0 } });
    await writeFile(data.faqFile, faqFileText(tenEntries(2).slice(0, 9)));
    expect((await strict.set.reload('SIGHUP')).status).toBe('failed');
    await writeFile(data.faqFile, faqFileText(tenEntries(3)));
    expect((await strict.set.reload('SIGHUP')).status).toBe('swapped');
  });
});

describe('forcing a refused reload', () => {
  it('ignores a marker that was there before the set opened, then lets one reload through per touch', async () => {
    await touchAt(1_000_000);
    const { set, lastLine } = await openTen();
    await writeFile(data.faqFile, faqFileText(sampleEntries(2)));
    expect((await set.reload('SIGHUP')).status).toBe('failed');

    await touchAt(1_000_060);
    const forced = await set.reload('SIGHUP');
    expect(forced).toMatchObject({ status: 'swapped', forced: true });
    expect(set.current().store.size).toBe(4);
    expect(set.lastFailure()).toBeUndefined();
    expect(lastLine()).toMatchObject({ level: 40, forced: true, forceFile, entries: 4, previousEntries: 10, msg: 'FAQ set reloaded, forced past the shrink guard' });

    // the touch is used up: the next large shrink is refused again
    await writeFile(data.faqFile, faqFileText(sampleEntries(3).slice(0, 1)));
    expect((await set.reload('SIGHUP')).status).toBe('failed');
    expect(set.current().store.size).toBe(4);
  });

  it('forces even an empty set when the operator asks for it', async () => {
    const { set } = await openTen();
    await writeFile(data.faqFile, faqFileText([]));
    await touchAt(2_000_000); // the marker did not exist when the set opened
    expect(await set.reload('SIGHUP')).toMatchObject({ status: 'swapped', forced: true });
    expect(set.current().store.size).toBe(0);
  });

  it('uses a touch up on an ordinary reload, so a forgotten marker forces nothing later', async () => {
    const { set } = await openTen();
    await touchAt(3_000_000);
    await writeFile(data.faqFile, faqFileText(tenEntries(2)));
    expect(await set.reload('SIGHUP')).toMatchObject({ status: 'swapped', forced: false });
    await writeFile(data.faqFile, faqFileText(sampleEntries(3)));
    expect((await set.reload('SIGHUP')).status).toBe('failed');
  });
});

describe('reload outcomes in the log and on /healthz', () => {
  it('logs a reload that found nothing new at info level, with the entry count', async () => {
    const { set, lastLine } = await openTen();
    expect((await set.reload('SIGHUP')).status).toBe('unchanged');
    expect(lastLine()).toMatchObject({ level: 30, trigger: 'SIGHUP', entries: 10, msg: 'FAQ files unchanged; nothing to reload' });
  });

  it('shows only when and what kind of error on health, never the file path or its content', async () => {
    const { set, lastLine } = await openTen();
    const secretLine = 'DB_PASSWORD=hunter2-very-secret';
    await writeFile(data.faqFile, `${secretLine}\n`);
    await set.reload('SIGHUP');
    const health = createFaqSets([set], { defaultSet: 'default', botSets: new Map() }).health();
    expect(health.default!.reloadError).toEqual({ at: expect.any(String), kind: 'invalid_json' });
    const body = JSON.stringify(health);
    expect(body).not.toContain(data.dir);
    expect(body).not.toContain('DB_PASS');
    // the detail is in the log, for the operator
    expect(JSON.stringify(lastLine())).toContain(data.faqFile);
    expect(JSON.stringify(lastLine())).toContain('DB_PASS');
  });
});
