import { execFile } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../harness';
import { recordBytes } from '../../src/semantic/vector-file';
import { openVectorCache, textKey, type VectorCache } from '../../src/semantic/vector-cache';
import { mountTmpfs } from '../hardening/tmpfs';
import { TEST_DIMS, testVector } from './cache-writer';

const MODEL = 'multilingual-e5-small';
let dir: string;
let caches: VectorCache[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vector-cache-'));
});
afterEach(async () => {
  await Promise.all(caches.splice(0).map((c) => c.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A cache closed after the test (as a process would close its file on exit). */
function cacheAt(options: Parameters<typeof openVectorCache>[0]): VectorCache {
  const cache = openVectorCache(options);
  caches.push(cache);
  return cache;
}

const records = (names: readonly string[]) => names.map((text) => ({ key: textKey(text), vector: testVector(text) }));
const texts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

/** The cached vector of `text`, or undefined. */
async function cachedVector(cache: VectorCache, text: string): Promise<Float32Array | undefined> {
  const cached = await cache.read();
  const out = new Float32Array(TEST_DIMS);
  return cached.copyTo(textKey(text), out, 0) ? out : undefined;
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

async function vecFiles(cache: VectorCache): Promise<string[]> {
  return (await readdir(cache.dir)).filter((n) => n.endsWith('.vec')).map((n) => path.join(cache.dir, n));
}

describe('the on-disk vector cache', () => {
  it('gives back what was written, after a restart (a new cache object over the same folder)', async () => {
    const first = cacheAt({ dir, model: MODEL });
    await first.append(records(texts('q', 10)));
    await first.close();

    const second = cacheAt({ dir, model: MODEL });
    const cached = await second.read();
    expect(cached.size).toBe(10);
    expect(cached.dims).toBe(TEST_DIMS);
    const back = await cachedVector(second, 'q-3');
    // int8 storage: the same direction, to well within a thousandth
    expect(cosine(back!, testVector('q-3'))).toBeGreaterThan(0.9995);
    expect(await cachedVector(second, 'never written')).toBeUndefined();
  });

  it('keys by model: another model name sees none of it', async () => {
    const e5 = cacheAt({ dir, model: MODEL });
    await e5.append(records(texts('q', 3)));
    await e5.close();
    const other = cacheAt({ dir, model: 'text-embedding-3-small' });
    expect((await other.read()).size).toBe(0);
  });

  it('reads the whole records of a file whose last record was cut off, and keeps appending after it', async () => {
    const cache = cacheAt({ dir, model: MODEL });
    await cache.append(records(texts('q', 5)));
    await cache.close();
    const [file] = await vecFiles(cache);
    await truncate(file!, (await stat(file!)).size - 100);

    const reopened = cacheAt({ dir, model: MODEL });
    const cached = await reopened.read();
    expect(cached.size).toBe(4);
    expect(cached.has(textKey('q-4'))).toBe(false);
    await reopened.append(records(['q-4']));
    const again = await reopened.read();
    expect(again.size).toBe(5);
    expect(cosine((await cachedVector(reopened, 'q-4'))!, testVector('q-4'))).toBeGreaterThan(0.9995);
  });

  it('skips a record whose bytes changed and ignores a file that is not a cache file; compaction removes both', async () => {
    const cache = cacheAt({ dir, model: MODEL });
    await cache.append(records(texts('q', 5)));
    await cache.close();
    const [file] = await vecFiles(cache);
    const handle = await open(file!, 'r+');
    const headerBytes = (await stat(file!)).size - 5 * recordBytes(TEST_DIMS);
    await handle.write(Buffer.from([0x55]), 0, 1, headerBytes + 2 * recordBytes(TEST_DIMS) + 40); // inside record 2's vector
    await handle.close();
    await writeFile(path.join(cache.dir, 'garbage.vec'), 'definitely not vectors, but long enough to have a header');

    const reopened = cacheAt({ dir, model: MODEL });
    const cached = await reopened.read();
    expect(cached.size).toBe(4);
    expect(cached.has(textKey('q-2'))).toBe(false);
    expect(cached.stats).toMatchObject({ corruptFiles: 1, corruptRecords: 1 });

    reopened.retain('default', texts('q', 5).map(textKey));
    const result = await reopened.compact({ onlyIfWasteful: true });
    expect(result).toMatchObject({ compacted: true, kept: 4 });
    const after = await reopened.read();
    expect(after.stats).toMatchObject({ files: 1, records: 4, corruptFiles: 0, corruptRecords: 0 });
  });

  it('ignores a file of random bytes without throwing, and works on', async () => {
    const cache = cacheAt({ dir, model: MODEL });
    await cache.append(records(['q-0']));
    await writeFile(path.join(cache.dir, 'random.vec'), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    expect((await cache.read()).size).toBe(1);
    await cache.append(records(['q-1']));
    expect((await cache.read()).size).toBe(2);
  });

  it('reports a write it cannot make instead of throwing', async () => {
    const errors: string[] = [];
    await writeFile(path.join(dir, 'blocked'), 'a file where the cache folder should be');
    const cache = cacheAt({ dir: path.join(dir, 'blocked'), model: MODEL, onError: (e, action) => errors.push(`${action}: ${e.message}`) });
    await expect(cache.append(records(['q-0']))).resolves.toBeUndefined();
    expect(errors[0]).toMatch(/^write: /);
    expect((await cache.read()).size).toBe(0);
  });

  it('compaction keeps the texts some set still uses, drops the rest, and merges the files', async () => {
    const a = cacheAt({ dir, model: MODEL });
    await a.append(records(texts('old', 300)));
    await a.close();
    const b = cacheAt({ dir, model: MODEL });
    await b.append(records(texts('new', 20)));
    b.retain('shop', texts('new', 20).map(textKey));
    b.retain('bank', texts('old', 3).map(textKey));

    // 320 records for 23 retained ones is not yet "wasteful" (under 1.5 × 23 + 1000): only a forced run compacts
    expect(await b.compact({ onlyIfWasteful: true })).toMatchObject({ compacted: false });
    expect(await b.compact()).toMatchObject({ compacted: true, kept: 23, records: 320 });
    const after = await b.read();
    expect(after.stats).toMatchObject({ files: 1, records: 23 });
    expect(after.has(textKey('old-2'))).toBe(true);
    expect(after.has(textKey('old-3'))).toBe(false);
  });

  it('leaves the files alone when no set has said what it uses', async () => {
    const cache = cacheAt({ dir, model: MODEL });
    await cache.append(records(texts('q', 5)));
    expect(await cache.compact()).toMatchObject({ compacted: false, kept: 5 });
  });

  it('a process whose file was compacted away starts a new file on its next write', async () => {
    const writer = cacheAt({ dir, model: MODEL });
    await writer.append(records(['kept']));
    const compactor = cacheAt({ dir, model: MODEL });
    compactor.retain('default', [textKey('kept'), textKey('later')]);
    await compactor.compact();
    await writer.append(records(['later']));
    const cached = await compactor.read();
    expect(cached.has(textKey('kept'))).toBe(true);
    expect(cached.has(textKey('later'))).toBe(true);
    expect(await vecFiles(writer)).toHaveLength(2);
  });

  it('stays readable while two processes write it at once, and holds every record of both', async () => {
    const run = promisify(execFile);
    const writer = (name: string) =>
      run(process.execPath, ['--import', 'tsx', 'test/semantic/cache-writer.ts', dir, MODEL, name, '40', '50'], { cwd: ROOT });
    const writing = Promise.all([writer('worker1'), writer('worker2')]);
    // read while they write: whole records only, never an error
    const reader = cacheAt({ dir, model: MODEL });
    let done = false;
    void writing.finally(() => (done = true));
    const seen: number[] = [];
    while (!done) {
      const cached = await reader.read();
      seen.push(cached.size);
      expect(cached.stats.corruptRecords).toBe(0);
    }
    const outputs = await writing;
    expect(outputs.map((o) => o.stdout.trim())).toEqual(['done', 'done']);
    expect(outputs.map((o) => o.stderr)).toEqual(['', '']);

    const cached = await reader.read();
    expect(cached.size).toBe(2 * 40 * 50);
    expect(cached.stats).toMatchObject({ files: 2, corruptFiles: 0, corruptRecords: 0 });
    for (const text of ['worker1-0', 'worker1-1999', 'worker2-1234']) {
      expect(cosine((await cachedVector(reader, text))!, testVector(text))).toBeGreaterThan(0.9995);
    }
    expect(seen.length).toBeGreaterThan(0);
  });

  it('follows the newest file when the model behind the name changed its dimension', async () => {
    const before = cacheAt({ dir, model: MODEL });
    await before.append(records(texts('old', 5)));
    await before.close();
    await new Promise((resolve) => setTimeout(resolve, 20)); // a later modification time
    const after = cacheAt({ dir, model: MODEL });
    await after.append(['new-0', 'new-1'].map((text) => ({ key: textKey(text), vector: testVector(text, 128) })));
    const cached = await after.read();
    expect(cached).toMatchObject({ dims: 128, size: 2 });
    expect(cached.has(textKey('old-0'))).toBe(false);
  });

  it('on a full disk, reports failed writes and compactions, keeps what it had, and writes again once there is room', async () => {
    const disk = mountTmpfs('1m');
    try {
      const errors: string[] = [];
      const cache = cacheAt({ dir: disk.dir, model: MODEL, onError: (_, action) => errors.push(action) });
      await cache.append(records(texts('before', 200)));
      disk.fill();
      await expect(cache.append(records(texts('during', 200)))).resolves.toBeUndefined();
      cache.retain('default', texts('before', 100).map(textKey));
      expect(await cache.compact()).toMatchObject({ compacted: false });
      expect(errors).toEqual(['write', 'compact']);
      const whileFull = await cache.read();
      expect(whileFull.has(textKey('before-199'))).toBe(true);
      expect(whileFull.stats.corruptRecords).toBe(0);
      expect((await readdir(cache.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

      await disk.free();
      await cache.append(records(['after']));
      const after = await cache.read();
      expect(after.has(textKey('after'))).toBe(true);
      expect(after.has(textKey('before-0'))).toBe(true);
    } finally {
      await Promise.all(caches.splice(0).map((c) => c.close()));
      disk.unmount();
    }
  });

  it('writes about a quarter of float32 per vector', async () => {
    const cache = cacheAt({ dir, model: MODEL });
    await cache.append(records(texts('q', 100)));
    const [file] = await vecFiles(cache);
    const bytes = (await readFile(file!)).length;
    expect(bytes).toBeLessThan(100 * (32 + TEST_DIMS * 4) * 0.3);
  });
});
