import { writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { openFaqSet, type ReloadResult } from '../../../src/faq/sets/reloadable-set';
import { createFaqSets, staticFaqSets } from '../../../src/faq/sets/set-selection';
import { loadFaqStore } from '../../../src/faq/faq-store';
import { FaqDataError } from '../../../src/faq/load-faq';
import { watchFiles } from '../../../src/faq/watch-files';
import { silentLogger } from '../../../src/log';
import { faqFileText, sampleDataDir, sampleEntries } from '../sample-data';

let data: Awaited<ReturnType<typeof sampleDataDir>>;
beforeEach(async () => {
  data = await sampleDataDir();
});
afterEach(() => data.cleanup());

const refundAnswer = (r: ReloadResult) => r.snapshot.store.get('faq-refund-account')!.answer;

/** A logger that keeps its JSON lines, to check what operators would read. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('a reloadable FAQ set', () => {
  it('swaps in new data, with the same version loadFaqStore computes', async () => {
    const set = await openFaqSet('default', data, { log: silentLogger });
    const first = set.current();
    await writeFile(data.faqFile, faqFileText(sampleEntries(2)));
    const result = await set.reload('test');
    expect(result).toMatchObject({ status: 'swapped', previousVersion: first.store.version });
    expect(refundAnswer(result)).toContain('(버전 2)');
    expect(set.current()).toBe(result.snapshot);
    expect(set.current().store.version).toBe((await loadFaqStore(data)).version);
    // the old snapshot is untouched: a request that took it still answers from version 1
    expect(first.store.get('faq-refund-account')!.answer).toContain('(버전 1)');
  });

  it('does nothing when the files did not change', async () => {
    const set = await openFaqSet('default', data, { log: silentLogger });
    const before = set.current();
    expect(await set.reload('test')).toEqual({ status: 'unchanged', snapshot: before });
  });

  it('keeps serving the old snapshot when the new file is invalid, and logs the entry and the field', async () => {
    const { log, lines } = recordingLogger();
    const set = await openFaqSet('shop', data, { log });
    const good = set.current();
    const broken = sampleEntries(2).map((e) => (e.id === 'faq-wallet' ? { ...e, landingUrl: 'wallet.example.com' } : e));
    await writeFile(data.faqFile, faqFileText(broken));

    const result = await set.reload('file changed');
    expect(result.status).toBe('failed');
    expect(set.current()).toBe(good);
    expect((result as { error: Error }).error).toBeInstanceOf(FaqDataError);
    expect(set.lastFailure()).toMatchObject({
      trigger: 'file changed',
      file: data.faqFile,
      problems: ['entries[3] (id faq-wallet, question "월렛이란 무엇인가요?") field landingUrl: must be an http(s) URL'],
    });
    expect(lines.at(-1)).toMatchObject({
      level: 50,
      faqSet: 'shop',
      faqVersion: good.store.version,
      file: data.faqFile,
      problems: ['entries[3] (id faq-wallet, question "월렛이란 무엇인가요?") field landingUrl: must be an http(s) URL'],
      msg: 'FAQ reload rejected; still serving the previous version',
    });

    await writeFile(data.faqFile, faqFileText(sampleEntries(3)));
    expect((await set.reload('fixed')).status).toBe('swapped');
    expect(set.lastFailure()).toBeUndefined();
    expect(lines.at(-1)).toMatchObject({ level: 30, faqSet: 'shop', previousVersion: good.store.version, entries: 4, msg: 'FAQ set reloaded' });
  });

  it('rejects a broken synonyms file or a missing data file the same way', async () => {
    const set = await openFaqSet('default', data, { log: silentLogger });
    await writeFile(data.synonymsFile, JSON.stringify({ groups: [['외톨이']] }));
    const bad = await set.reload('test');
    expect(bad.status).toBe('failed');
    expect(set.lastFailure()?.file).toBe(data.synonymsFile);
    await writeFile(data.synonymsFile, JSON.stringify({ groups: [] }));
    await rename(data.faqFile, `${data.faqFile}.away`);
    expect((await set.reload('test')).status).toBe('failed');
    expect(set.lastFailure()?.problems[0]).toMatch(/cannot read: ENOENT/);
  });

  it('coalesces reloads requested while one runs into one more, which reads the files as they are then', async () => {
    // the operator saves again just as the first reload finishes
    const set = await openFaqSet('default', data, {
      log: silentLogger,
      onReload: (_name, _result, trigger) => {
        if (trigger === 'a') writeFileSync(data.faqFile, faqFileText(sampleEntries(3)));
      },
    });
    await writeFile(data.faqFile, faqFileText(sampleEntries(2)));
    const first = set.reload('a');
    const second = set.reload('b');
    expect(set.reload('c')).toBe(second);
    const [r1, r2] = await Promise.all([first, second]);
    expect([r1.status, r2.status]).toEqual(['swapped', 'swapped']);
    expect(refundAnswer(r1)).toContain('(버전 2)');
    expect(refundAnswer(r2)).toContain('(버전 3)');
    expect(set.current()).toBe(r2.snapshot);
  });

  it('runs a queued reload only after the running one, so it finds nothing new to load', async () => {
    const set = await openFaqSet('default', data, { log: silentLogger });
    await writeFile(data.faqFile, faqFileText(sampleEntries(2)));
    const results = await Promise.all([set.reload('a'), set.reload('b')]);
    expect(results.map((r) => r.status)).toEqual(['swapped', 'unchanged']);
  });

  it('refuses to open with unusable data: a server must not start without it', async () => {
    await writeFile(data.faqFile, '{"schemaVersion": 1, "entries": [{"id": "x"}]}');
    await expect(openFaqSet('default', data, { log: silentLogger })).rejects.toThrow(FaqDataError);
  });
});

describe('watching data files', () => {
  /** A watcher whose change batches are awaited one by one; ask for the next batch before writing. */
  function watchQueue(files: string[]) {
    const waiting: ((changed: string[]) => void)[] = [];
    const errors: Error[] = [];
    const watcher = watchFiles(files, {
      debounceMs: 10,
      onChange: (changed) => waiting.shift()?.(changed),
      onError: (error) => errors.push(error),
    });
    return { watcher, errors, next: () => new Promise<string[]>((resolve) => waiting.push(resolve)) };
  }

  it('notices a file written in place, replaced by rename, and ignores other files in the directory', async () => {
    const { watcher, errors, next } = watchQueue([data.faqFile]);
    try {
      let change = next();
      await writeFile(path.join(data.dir, 'unrelated.txt'), 'x');
      await writeFile(data.faqFile, faqFileText(sampleEntries(2)));
      expect(await change).toEqual([data.faqFile]);

      change = next();
      await writeFile(`${data.faqFile}.swp`, faqFileText(sampleEntries(3)));
      await rename(`${data.faqFile}.swp`, data.faqFile);
      expect(await change).toEqual([data.faqFile]);

      // a second rename-replace: the watch survives the first one replacing the file
      change = next();
      await writeFile(`${data.faqFile}.swp`, faqFileText(sampleEntries(4)));
      await rename(`${data.faqFile}.swp`, data.faqFile);
      expect(await change).toEqual([data.faqFile]);
      expect(errors).toEqual([]);
    } finally {
      watcher.close();
    }
  });
});

describe('choosing the FAQ set for a skill call', () => {
  const snapshotOf = (set: string) => ({ name: set, current: () => ({ set, store: {} as never, loadedAt: new Date(0) }), lastFailure: () => undefined });
  const sets = createFaqSets([snapshotOf('main'), snapshotOf('shop'), snapshotOf('event')], {
    defaultSet: 'main',
    botSets: new Map([['bot-shop', 'shop']]),
  });

  it.each([
    [{ params: {} }, 'main', 'default', undefined],
    [{ botId: 'bot-other', params: {} }, 'main', 'default', undefined],
    [{ botId: 'bot-shop', params: {} }, 'shop', 'bot', undefined],
    [{ botId: 'bot-shop', params: { faqSet: 'event' } }, 'event', 'param', undefined],
    [{ botId: 'bot-shop', params: { faqSet: 'nope' } }, 'shop', 'bot', 'nope'],
    [{ params: { faqSet: 'nope' } }, 'main', 'default', 'nope'],
  ])('%j → %s (via %s)', (request, set, via, unknownSet) => {
    const selection = sets.select(request);
    expect(selection.snapshot.set).toBe(set);
    expect(selection.via).toBe(via);
    expect(selection.unknownSet).toBe(unknownSet);
  });

  it('refuses routing that names sets that do not exist', () => {
    const one = [snapshotOf('main')];
    expect(() => createFaqSets(one, { defaultSet: 'x', botSets: new Map() })).toThrow(/default FAQ set "x"/);
    expect(() => createFaqSets(one, { defaultSet: 'main', botSets: new Map([['b', 'x']]) })).toThrow(/bot b is mapped to unknown FAQ set "x"/);
  });

  it('serves a fixed store as the one "default" set', async () => {
    const store = await loadFaqStore(data);
    const fixed = staticFaqSets(store);
    expect(fixed.select({ botId: 'any', params: {} }).snapshot.store).toBe(store);
    expect(fixed.health()).toEqual({ default: { entries: 4, version: store.version, loadedAt: expect.any(String) } });
  });
});
