import { readFile, writeFile } from 'node:fs/promises';
import { createFaqStore, faqStoreSteps, loadFaqStore } from '../../src/faq/faq-store';
import { FaqDataError, parseFaqFile } from '../../src/faq/load-faq';
import { parseSynonymsText } from '../../src/faq/load-synonyms';
import { readFaqFiles, type FaqFilesRead } from '../../src/faq/read-files';
import { runInSlices } from '../../src/faq/run-in-slices';
import { FAQ_FILE, SYNONYMS_FILE } from '../harness';
import { faqFileText, sampleDataDir, sampleEntries } from './sample-data';

/**
 * Issue 15, reloads that never stall: the parts a reload is made of. The files are read, validated and hashed
 * in a worker thread (read-files.ts) and give the same data, version and errors as the synchronous path; the
 * store is built in slices (faqStoreSteps, run by runInSlices) and answers exactly as createFaqStore's does.
 */

const UTTERANCES = ['비밀번호 변경', '환불 계좌 바꾸고 싶어요', '배송조회', '로그인 안됨', 'ㅎㅂ ㄱㅈ', '안녕하세요', '결제 취소 어떻게 해요'];

describe('reading a set in a worker thread', () => {
  it('gives the validated entries, synonyms and the version loadFaqStore computes; the same files again are unchanged', async () => {
    const read = (await readFaqFiles({ faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE }, {})) as FaqFilesRead;
    expect(read).not.toBe('unchanged');
    const [faqText, synonymsText] = await Promise.all([readFile(FAQ_FILE, 'utf8'), readFile(SYNONYMS_FILE, 'utf8')]);
    const expected = parseFaqFile(faqText, FAQ_FILE);
    expect(read.entryCount).toBe(expected.entries.length);
    expect(read.synonyms).toEqual(parseSynonymsText(synonymsText, SYNONYMS_FILE));
    expect(read.version).toBe((await loadFaqStore({ faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE })).version);
    expect(await read.faq()).toEqual(expected);
    const again = await readFaqFiles({ faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE }, { unlessFingerprint: read.fingerprint });
    expect(again).toBe('unchanged');
  });

  it('rejects unusable files with the FaqDataError the synchronous path throws, naming the file', async () => {
    const data = await sampleDataDir();
    try {
      const broken = faqFileText(sampleEntries(1)).replace('"answer"', '"answer": "",\n"ignored"');
      await writeFile(data.faqFile, broken);
      let expected: unknown;
      try {
        parseFaqFile(broken, data.faqFile);
      } catch (error) {
        expected = error;
      }
      expect(expected).toBeInstanceOf(FaqDataError);
      const error = await readFaqFiles(data, {}).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(FaqDataError);
      expect(error).toMatchObject({ file: data.faqFile, kind: (expected as FaqDataError).kind, message: (expected as FaqDataError).message });
      const missing = await readFaqFiles({ ...data, faqFile: `${data.faqFile}.missing` }, {}).then(() => undefined, (e: unknown) => e);
      expect(missing).toMatchObject({ name: 'FaqDataError', kind: 'unreadable', file: `${data.faqFile}.missing` });
    } finally {
      await data.cleanup();
    }
  });
});

describe('a read slower than its timeout', () => {
  it('gives up instead of holding every later reload behind it, and the next read works', async () => {
    // 1 ms is shorter than starting the reading thread, so this read is still going when the timeout fires (a hung
    // network mount never ends at all; FIFOs and devices are refused before they are opened)
    const error = await readFaqFiles({ faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE }, { timeoutMs: 1 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/took over 1 ms; gave up/);
    const read = (await readFaqFiles({ faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE }, {})) as FaqFilesRead;
    expect((await read.faq()).entries.length).toBe(read.entryCount);
  });
});

describe('building a store in slices', () => {
  it('yields between slices and builds a store that answers exactly as createFaqStore does', async () => {
    const [faqText, synonymsText] = await Promise.all([readFile(FAQ_FILE, 'utf8'), readFile(SYNONYMS_FILE, 'utf8')]);
    const faq = parseFaqFile(faqText, FAQ_FILE);
    const options = { synonyms: parseSynonymsText(synonymsText, SYNONYMS_FILE), versionSalt: synonymsText };
    const whole = createFaqStore(faq, options);

    const steps = faqStoreSteps(faq, options);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses += 1;
    expect(pauses).toBeGreaterThan(10);
    const sliced = step.value;

    expect(sliced.version).toBe(whole.version);
    expect(sliced.size).toBe(whole.size);
    for (const utterance of UTTERANCES) {
      expect(sliced.searchRaw(utterance, { limit: 10 })).toEqual(whole.searchRaw(utterance, { limit: 10 }));
      expect(sliced.match(utterance)).toEqual(whole.match(utterance));
    }
    for (const entry of faq.entries.slice(0, 20)) {
      expect(sliced.related(entry.id, 5)).toEqual(whole.related(entry.id, 5));
      expect(sliced.inCategory(entry.categories)).toEqual(whole.inCategory(entry.categories));
    }
    expect(sliced.topCategories()).toEqual(whole.topCategories());
  });

  it('runs a build on the event loop giving it back between slices', async () => {
    const faq = parseFaqFile(await readFile(FAQ_FILE, 'utf8'), FAQ_FILE);
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns += 1;
      setImmediate(count);
    };
    setImmediate(count);
    // slices of 0 ms: one step per turn of the event loop
    const store = await runInSlices(faqStoreSteps(faq), 0);
    counting = false;
    expect(store.version).toBe(createFaqStore(faq).version);
    expect(turns).toBeGreaterThan(10);
  });
});
