import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SynonymTable } from '../matcher';
import type { FaqEntry, FaqFile } from './faq-schema';
import { FaqDataError, type FaqDataErrorKind } from './load-faq';

/**
 * Reads a FAQ set's files without stalling the server: reading, JSON parsing, schema validation and hashing
 * happen in a worker thread (read-files-thread.ts), which took seconds of the event loop at 100,000 entries,
 * also for a file that is then rejected. The validated entries come back in chunks, one per turn of the
 * event loop (deserialising all 100,000 at once would block it again), and only when the caller asks for them:
 * a reload the shrink guard refuses never copies them at all.
 */

/** What the thread is asked to read. */
export interface ReadRequest {
  faqFile: string;
  synonymsFile: string;
  maxBytes: number | undefined;
  /** The fingerprint of the files serving now: the same files again answer `unchanged`. */
  unlessFingerprint: string | undefined;
  chunkEntries: number;
}

/** What the thread answers. */
export type ThreadMessage =
  | { type: 'unchanged' }
  | { type: 'head'; fingerprint: string; version: string; synonyms: SynonymTable; entryCount: number }
  | { type: 'entries'; entries: FaqEntry[]; last: boolean }
  | { type: 'error'; file?: string; problems: readonly string[]; kind?: FaqDataErrorKind };

/** Valid files, read: how many entries, their content hash, and the entries on request. */
export interface FaqFilesRead {
  /** See `filesFingerprint` (src/faq/faq-version.ts). */
  fingerprint: string;
  /** The store version these files make (`faqVersionOf`), computed in the thread. */
  version: string;
  synonyms: SynonymTable;
  entryCount: number;
  /** The validated FAQ, brought over one chunk per event-loop turn. Call once, or `discard`. */
  faq(): Promise<FaqFile>;
  /** Ends the thread without taking the entries. */
  discard(): void;
}

/** Entries per chunk: deserialising one takes a few milliseconds. */
const CHUNK_ENTRIES = 1000;

/**
 * How long one read may take, entries included (a 100,000-entry file takes a few seconds). A read that never ends
 * (a hung network mount, a FIFO in place of the file) would otherwise hold every later reload behind it.
 */
const READ_TIMEOUT_MS = 120_000;

/**
 * Reads and validates `files` in a worker thread. Resolves `unchanged` when they are the files with
 * `unlessFingerprint`; rejects with {@link FaqDataError} naming the file when they are not usable, or with an
 * Error when the thread fails.
 */
export function readFaqFiles(
  files: { faqFile: string; synonymsFile: string },
  options: { maxBytes?: number | undefined; unlessFingerprint?: string | undefined; timeoutMs?: number },
): Promise<'unchanged' | FaqFilesRead> {
  const request: ReadRequest = { faqFile: files.faqFile, synonymsFile: files.synonymsFile, maxBytes: options.maxBytes, unlessFingerprint: options.unlessFingerprint, chunkEntries: CHUNK_ENTRIES };
  const worker = startThread(request);
  let onMessage: (message: ThreadMessage) => void = () => undefined;
  let onFailure: (error: Error) => void = () => undefined;
  worker.on('message', (message: ThreadMessage) => onMessage(message));
  worker.on('error', (error) => onFailure(error));
  worker.on('messageerror', (error) => onFailure(error));
  const timeoutMs = options.timeoutMs ?? READ_TIMEOUT_MS;
  const timer = setTimeout(() => onFailure(new Error(`reading the FAQ files took over ${timeoutMs} ms; gave up (${files.faqFile})`)), timeoutMs);
  timer.unref();
  let exited: Error | undefined;
  worker.on('exit', (code) => {
    exited = new Error(`the FAQ reading thread exited (code ${code}) before it answered`);
    onFailure(exited);
  });
  const stop = () => {
    clearTimeout(timer);
    onMessage = () => undefined;
    onFailure = () => undefined;
    // a thread stuck in a blocking read ends when the read does; it is unref'd so it never keeps the process up
    worker.unref();
    void worker.terminate();
  };
  return new Promise((resolve, reject) => {
    onFailure = (error) => {
      stop();
      reject(error);
    };
    onMessage = (message) => {
      if (message.type === 'error') {
        stop();
        reject(message.file === undefined ? new Error(message.problems.join('; ')) : new FaqDataError(message.file, message.problems, message.kind));
      } else if (message.type === 'unchanged') {
        stop();
        resolve('unchanged');
      } else if (message.type === 'head') {
        const { fingerprint, version, synonyms, entryCount } = message;
        resolve({ fingerprint, version, synonyms, entryCount, faq: () => takeEntries(), discard: stop });
      }
    };
    const takeEntries = () =>
      new Promise<FaqFile>((resolveFaq, rejectFaq) => {
        const entries: FaqEntry[] = [];
        if (exited) return rejectFaq(exited);
        onFailure = (error) => {
          stop();
          rejectFaq(error);
        };
        onMessage = (message) => {
          if (message.type !== 'entries') return;
          for (const entry of message.entries) entries.push(entry);
          if (!message.last) return worker.postMessage('next');
          stop();
          resolveFaq({ schemaVersion: 1, entries });
        };
        worker.postMessage('next');
      });
  });
}

const THREAD = path.join(__dirname, `read-files-thread${path.extname(__filename)}`);

/**
 * The compiled server runs the thread's .js file. Run from TypeScript source (tests, `tsx`), the thread
 * registers tsx itself first: a worker does not inherit the main thread's require hooks.
 */
function startThread(request: ReadRequest): Worker {
  if (THREAD.endsWith('.js')) return new Worker(THREAD, { workerData: request });
  const tsx = require.resolve('tsx/cjs/api');
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(THREAD)});`;
  return new Worker(code, { eval: true, workerData: request });
}
