import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../../src/cli/corpus';
import { parseConfig } from '../../src/config';
import { DEFAULT_MAX_DATA_FILE_BYTES, FaqDataError, readDataFile } from '../../src/faq/load-faq';
import { writeFaqFile } from '../../src/faq-admin/write-faq';

/**
 * 100,000 entries by default (issue 15): the default FAQ_MAX_BYTES admits a 100,000-entry FAQ with room to
 * spare, and still refuses a larger file before reading it. The size of 100,000 entries is projected from
 * 2,000 entries of the same synthetic corpus written by the same writer (`kakao-faq corpus` writes 100,000
 * in about 80 MB); the file the limit is checked on is sparse, so no 80 MB are written.
 */
const SAMPLE = 2_000;
const TARGET_ENTRIES = 100_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faq-size-limit-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function sparseFile(name: string, size: number): Promise<string> {
  const file = path.join(dir, name);
  const handle = await open(file, 'w');
  await handle.truncate(size);
  await handle.close();
  return file;
}

async function projectedBytesOf100k(): Promise<number> {
  const file = path.join(dir, 'sample.json');
  await writeFaqFile(file, generateCorpus({ size: SAMPLE, seed: 1 }));
  return Math.ceil(((await stat(file)).size * TARGET_ENTRIES) / SAMPLE);
}

describe('the default FAQ size limit', () => {
  it('is the same in the server configuration and in the loader', () => {
    expect(parseConfig({}).faqMaxBytes).toBe(DEFAULT_MAX_DATA_FILE_BYTES);
  });

  it('admits a 100,000-entry FAQ with at least half as much again to spare', async () => {
    const projected = await projectedBytesOf100k();
    expect(projected).toBeGreaterThan(20 * 1024 * 1024); // the old default refused it
    expect(projected * 1.5).toBeLessThan(DEFAULT_MAX_DATA_FILE_BYTES);
    // the loader's own check, on a (sparse) file of that size: read whole, not refused as too large
    const text = await readDataFile(await sparseFile('projected.json', projected));
    expect(text.length).toBe(projected);
  });

  it('still refuses a file one byte over it, before reading', async () => {
    const refused = await readDataFile(await sparseFile('over.json', DEFAULT_MAX_DATA_FILE_BYTES + 1)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(FaqDataError);
    expect((refused as FaqDataError).kind).toBe('too_large');
    expect((refused as FaqDataError).message).toContain(`over the ${DEFAULT_MAX_DATA_FILE_BYTES}-byte limit (FAQ_MAX_BYTES); the file is ${DEFAULT_MAX_DATA_FILE_BYTES + 1} bytes`);
  });

  it('is set with FAQ_MAX_BYTES in the sizes the other keys take', () => {
    expect(parseConfig({ FAQ_MAX_BYTES: '256mb' }).faqMaxBytes).toBe(256 * 1024 * 1024);
    expect(parseConfig({ FAQ_MAX_BYTES: '20mb' }).faqMaxBytes).toBe(20 * 1024 * 1024);
  });
});
