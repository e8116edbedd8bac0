import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { decodeInt8 } from './int8-vector';
import { encodeRecords, fileHeader, KEY_BYTES, parseHeader, recordBytes, recordIntact } from './vector-file';

/**
 * Entry vectors on disk, keyed by model and the SHA-256 of the exact text sent, so that a restart or a reload
 * embeds only texts it has never embedded. One folder per model under `EMBEDDINGS_CACHE_DIR`; the format of
 * its files is in vector-file.ts.
 *
 * Several processes (cluster workers, a restart overlapping the old server) share the folder. Each process
 * appends only to a file of its own, created on its first write, so no two writers ever share a file and a
 * record is never interleaved with another; readers merge every file and take whole records only. Appending
 * to one shared file with O_APPEND would be atomic per write on a local disk, but one short write (a full disk)
 * would shift every later record of every process; here it costs only the writer's last record.
 *
 * Files only grow, so `compact()` (run at a reload, when most records are no longer used) rewrites the records
 * some FAQ set still uses into one file and deletes the files it read. A process still appending to a deleted
 * file notices on its next write (no links left) and starts a new one; what it wrote in between is lost, which
 * for a cache means a few texts embedded again.
 *
 * Nothing here throws at a caller: unreadable or corrupt files are skipped (and removed at the next compaction),
 * and a failed write is reported to `onError` and dropped.
 */

export interface VectorCacheOptions {
  /** `EMBEDDINGS_CACHE_DIR`; the model's folder is made inside it on the first write. */
  dir: string;
  /** The embedder's model name; part of every key. */
  model: string;
  /** A write or read that failed (the cache keeps working; the vectors are embedded again next time). */
  onError?: (error: Error, action: string) => void;
}

/** The cached vectors read for one build; dropped after it, so a serving process holds no copy. */
export interface CachedVectors {
  /** Dimensions of the records read; undefined when there are none. */
  readonly dims: number | undefined;
  readonly size: number;
  has(key: string): boolean;
  /** Decodes the unit vector for `key` into `out` at `offset`; false when there is none. */
  copyTo(key: string, out: Float32Array, offset: number): boolean;
}

export interface CacheFilesStats {
  files: number;
  bytes: number;
  records: number;
  /** Files that are not cache files or name another model, and records whose checksum failed. */
  corruptFiles: number;
  corruptRecords: number;
}

export interface CompactResult extends CacheFilesStats {
  compacted: boolean;
  kept: number;
  bytesAfter: number;
}

export interface VectorCache {
  readonly model: string;
  /** The model's folder. */
  readonly dir: string;
  /** Reads every file once (whole records only), after this cache's queued writes. */
  read(): Promise<CachedVectors & { stats: CacheFilesStats }>;
  /** Appends vectors to this process's file; writes run one at a time, in order. Never rejects. */
  append(records: readonly { key: string; vector: ArrayLike<number> }[]): Promise<void>;
  /** Declares the keys `owner` (a FAQ set) uses now; compaction keeps every owner's keys. */
  retain(owner: string, keys: Iterable<string>): void;
  /**
   * Rewrites the retained records into one file and deletes the others; with `onlyIfWasteful`, only when
   * the files hold much more than is retained, many files, or corrupt data.
   */
  compact(options?: { onlyIfWasteful?: boolean }): Promise<CompactResult>;
  /** Waits for queued writes and closes this process's file. */
  close(): Promise<void>;
}

/** The cache key of a text: its SHA-256, as a 32-character latin1 string (compact as a Map key). */
export function textKey(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest().toString('latin1');
}

type RecordIndex = Map<string, { buf: Buffer; at: number }>;

const FILE_SUFFIX = '.vec';
/** More files than this (one per process start that embedded something) is worth merging at a reload. */
const MAX_FILES = 16;
const STALE_TEMP_MS = 60 * 60 * 1000;
/** Records read between yields, so that reading 300,000 records never holds the event loop long. */
const RECORDS_PER_YIELD = 2_000;

export function openVectorCache(options: VectorCacheOptions): VectorCache {
  const { model } = options;
  const slug = model.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 64);
  const dir = path.join(options.dir, `${slug}-${createHash('sha256').update(model).digest('hex').slice(0, 8)}`);
  const retained = new Map<string, Set<string>>();
  let writer: { handle: FileHandle; dims: number } | undefined;
  let queue: Promise<void> = Promise.resolve();
  const report = (error: unknown, action: string) =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)), action);

  async function newFileName(prefix: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    return path.join(dir, `${prefix}${process.pid}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  }

  async function closeWriter(): Promise<void> {
    const current = writer;
    writer = undefined;
    await current?.handle.close().catch(() => undefined);
  }

  async function write(records: readonly { key: string; vector: ArrayLike<number> }[]): Promise<void> {
    const dims = records[0]!.vector.length;
    // a file compacted away by another process has no links left: writing on would write into nothing
    if (writer && (writer.dims !== dims || (await writer.handle.stat()).nlink === 0)) await closeWriter();
    const body = encodeRecords(records, dims);
    let data = body;
    if (!writer) {
      const handle = await open((await newFileName('')) + FILE_SUFFIX, 'a');
      writer = { handle, dims };
      data = Buffer.concat([fileHeader(model, dims), body]);
    }
    try {
      for (let at = 0; at < data.length; ) at += (await writer.handle.write(data, at)).bytesWritten;
    } catch (error) {
      // the file may end in part of a record now; readers ignore it, and later records go to a new file
      await closeWriter();
      throw error;
    }
  }

  async function readFiles(): Promise<{ files: string[]; index: RecordIndex; cached: CachedVectors; stats: CacheFilesStats }> {
    const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') report(error, 'read');
      return [] as string[];
    });
    const stats: CacheFilesStats = { files: 0, bytes: 0, records: 0, corruptFiles: 0, corruptRecords: 0 };
    const parsed: { file: string; buf: Buffer; mtimeMs: number; dims: number; dataStart: number; records: number }[] = [];
    const files: string[] = [];
    for (const name of names.filter((n) => n.endsWith(FILE_SUFFIX)).sort()) {
      const file = path.join(dir, name);
      // one read per file; a file compacted away meanwhile is simply gone
      const read = await Promise.all([readFile(file), stat(file)]).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') report(error, 'read');
        return undefined;
      });
      if (!read) continue;
      const [buf, { mtimeMs }] = read;
      files.push(file);
      stats.files += 1;
      stats.bytes += buf.length;
      const header = parseHeader(buf);
      if (header.kind === 'records' && header.model === model) parsed.push({ file, buf, mtimeMs, ...header });
      else if (header.kind !== 'empty') stats.corruptFiles += 1;
    }
    // Several dimensions under one model name means the service behind the name changed: the newest file
    // was written for the current one (a build that meets another dimension embeds everything again).
    const dims = [...parsed].sort((a, b) => b.mtimeMs - a.mtimeMs)[0]?.dims;
    const index: RecordIndex = new Map();
    let sinceYield = 0;
    for (const p of parsed) {
      if (p.dims !== dims) {
        stats.corruptFiles += 1;
        continue;
      }
      const size = recordBytes(p.dims);
      for (let r = 0, at = p.dataStart; r < p.records; r++, at += size) {
        if (++sinceYield % RECORDS_PER_YIELD === 0) await yieldToEventLoop();
        // a record whose checksum or scale is wrong is skipped; `has` promises a usable vector
        const scale = p.buf.readFloatLE(at + KEY_BYTES);
        if (!recordIntact(p.buf, at, p.dims) || !(scale > 0 && Number.isFinite(scale))) {
          stats.corruptRecords += 1;
          continue;
        }
        stats.records += 1;
        index.set(p.buf.toString('latin1', at, at + KEY_BYTES), { buf: p.buf, at });
      }
    }
    const cached: CachedVectors = {
      dims,
      size: index.size,
      has: (key) => index.has(key),
      copyTo(key, out, offset) {
        const found = index.get(key);
        return found !== undefined && dims !== undefined && decodeInt8(found.buf, found.at + KEY_BYTES, dims, out, offset);
      },
    };
    return { files, index, cached, stats };
  }

  async function compactNow(onlyIfWasteful: boolean): Promise<CompactResult> {
    await closeWriter();
    const live = new Set<string>();
    for (const keys of retained.values()) for (const key of keys) live.add(key);
    const { files, index, cached, stats } = await readFiles();
    const unchanged = { ...stats, compacted: false, kept: stats.records, bytesAfter: stats.bytes };
    // with nothing retained yet every record would look unused; the files are left as they are
    if (retained.size === 0 || cached.dims === undefined) return unchanged;
    const wasteful = stats.corruptFiles > 0 || stats.corruptRecords > 0 || stats.files > MAX_FILES || stats.records > live.size * 1.5 + 1000;
    if (onlyIfWasteful && !wasteful) return unchanged;
    const size = recordBytes(cached.dims);
    // whole records, copied byte for byte: no vector is decoded and encoded again
    const kept: Buffer[] = [fileHeader(model, cached.dims)];
    for (const key of live) {
      const found = index.get(key);
      if (found) kept.push(found.buf.subarray(found.at, found.at + size));
    }
    const body = Buffer.concat(kept);
    const temp = (await newFileName('compact-')) + '.tmp';
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(body);
      await handle.sync();
      await handle.close();
      await rename(temp, temp.slice(0, -'.tmp'.length) + FILE_SUFFIX);
    } catch (error) {
      // a full disk: the files read stay as they were, and the half-written copy goes
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await Promise.all(files.map((f) => unlink(f).catch(() => undefined)));
    await removeStaleTemps(dir);
    return { ...stats, compacted: true, kept: kept.length - 1, bytesAfter: body.length };
  }

  // writes and compactions run one after another, in the order they were asked for
  function enqueue<T>(job: () => Promise<T>, fallback: T, action: string): Promise<T> {
    const run = queue.then(job).catch((error: unknown) => {
      report(error, action);
      return fallback;
    });
    queue = run.then(() => undefined);
    return run;
  }

  return {
    model,
    dir,
    read: async () => {
      // this process's own queued writes first: a reload right after a build must find what it embedded
      await queue;
      const { cached, stats } = await readFiles();
      return Object.assign(cached, { stats });
    },
    append: (records) => (records.length === 0 ? Promise.resolve() : enqueue(() => write(records), undefined, 'write')),
    retain(owner, keys) {
      retained.set(owner, new Set(keys));
    },
    compact: (opts = {}) =>
      enqueue(() => compactNow(opts.onlyIfWasteful ?? false), { files: 0, bytes: 0, records: 0, corruptFiles: 0, corruptRecords: 0, compacted: false, kept: 0, bytesAfter: 0 }, 'compact'),
    close: () => enqueue(closeWriter, undefined, 'close'),
  };
}

/** A compaction that died before its rename leaves a `.tmp` file; after an hour it is certainly not running. */
async function removeStaleTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.tmp')) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await unlink(file).catch(() => undefined);
  }
}
