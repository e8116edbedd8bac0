import type { Logger } from '../../log';
import { faqStoreSteps, type FaqStore } from '../faq-store';
import { FaqDataError } from '../load-faq';
import { readFaqFiles, type FaqFilesRead } from '../read-files';
import { runInSlices } from '../run-in-slices';
import { createReloadGuard, DEFAULT_MAX_SHRINK, requireEntries, type ReloadGuardOptions } from '../reload-guard';
import { createSnapshotVectors, type SnapshotVectorsOptions } from '../snapshot-vectors';

/**
 * One named FAQ set that can be reloaded while it serves. The data and its matcher index live together in
 * an immutable {@link FaqSnapshot}; a reload builds a complete new snapshot off to the side and only then
 * swaps a single reference, so a request that took `current()` at its start answers entirely from one
 * version, and a file that fails validation never replaces the snapshot that is serving.
 */

export interface FaqSnapshot {
  /** The set's name (`data.faqSet`). */
  readonly set: string;
  /** The data and its index; `store.version` is the content hash (`data.faqVersion`). */
  readonly store: FaqStore;
  /** When this snapshot started serving. */
  readonly loadedAt: Date;
}

/**
 * What a reload did: swapped in a new snapshot (`forced` past the shrink guard by the operator), found
 * nothing new, or kept the old one (invalid files, or a change the shrink guard refused).
 */
export type ReloadResult =
  /** `buildMs`: indexing the new version and preparing its vectors, the work the workers stagger (live-sets.ts). */
  | { status: 'swapped'; snapshot: FaqSnapshot; previousVersion: string; forced: boolean; buildMs: number }
  | { status: 'unchanged'; snapshot: FaqSnapshot }
  /** `snapshot` is the one still serving. */
  | { status: 'failed'; snapshot: FaqSnapshot; error: Error };

/** The last reload that was rejected, until a later reload succeeds. */
export interface ReloadFailure {
  at: Date;
  trigger: string;
  file: string | undefined;
  problems: readonly string[];
  /** One word for public output (`/healthz`); `file` and `problems` go to the log only. */
  kind: FaqDataError['kind'] | 'internal';
}

/** The files a set is built from (absolute paths). */
export interface FaqSetFiles {
  faqFile: string;
  synonymsFile: string;
}

/** A named set and its current snapshot; see the module comment. */
export interface FaqSet {
  readonly name: string;
  readonly files: FaqSetFiles;
  /** The snapshot to answer from now. Take it once per request. */
  current(): FaqSnapshot;
  /** How long the first version took to index and get its vectors, at load. */
  readonly loadBuildMs: number;
  lastFailure(): ReloadFailure | undefined;
  /**
   * Re-reads the files and swaps in a new snapshot if they changed and are valid. Never rejects. Calls
   * while a reload runs are coalesced into one more reload after it, which reads the files as they are then.
   */
  reload(trigger: string): Promise<ReloadResult>;
  /** Stops background work for the set (building entry vectors). */
  close(): void;
}

/** How a set reports its reloads. */
export interface FaqSetOptions {
  log: Logger;
  /** Told about every finished reload (tests wait on it; the server only logs). */
  onReload?: (set: string, result: ReloadResult, trigger: string) => void;
  /** Largest data or synonyms file read (`FAQ_MAX_BYTES`); default 128 MiB. Checked before reading. */
  maxBytes?: number;
  /** When a reload that removes entries is refused (src/faq/reload-guard.ts); default: more than half. */
  guard?: ReloadGuardOptions;
  /**
   * The semantic stage: each snapshot's entry vectors are built before it serves (bounded wait) and attached
   * to its store (src/faq/snapshot-vectors.ts). Without it, or while the service is down, matching is lexical.
   */
  vectors?: SnapshotVectorsOptions | undefined;
}

interface Built {
  snapshot: FaqSnapshot;
  fingerprint: string;
}

/**
 * Loads a set for the first time. Throws {@link FaqDataError}: a server must not start without its data,
 * nor with a set that has no entries.
 */
export async function openFaqSet(name: string, files: FaqSetFiles, options: FaqSetOptions): Promise<FaqSet> {
  const read = await readFaqFiles(files, { maxBytes: options.maxBytes });
  if (read === 'unchanged') throw new Error('unreachable: no files were serving');
  if (read.entryCount === 0) read.discard();
  requireEntries(read.entryCount, files.faqFile);
  const log = options.log.child({ faqSet: name });
  const vectors = options.vectors ? createSnapshotVectors(name, options.vectors, log) : undefined;
  const loadStarted = performance.now();
  const first = await build(read);
  await vectors?.prepare(first, 'load');
  const loadBuildMs = performance.now() - loadStarted;
  let serving: Built = { snapshot: snapshotOf(name, first), fingerprint: read.fingerprint };
  const guardOptions = options.guard ?? { maxShrink: DEFAULT_MAX_SHRINK };
  const guard = await createReloadGuard(guardOptions);
  let failure: ReloadFailure | undefined;
  let running: Promise<ReloadResult> | undefined;
  let queued: Promise<ReloadResult> | undefined;

  async function reloadNow(trigger: string): Promise<ReloadResult> {
    const started = performance.now();
    const previousEntries = serving.snapshot.store.size;
    let result: ReloadResult;
    try {
      // read, parsed, validated and hashed off the event loop; indexed in slices on it (see read-files.ts)
      const read = await readFaqFiles(files, { maxBytes: options.maxBytes, unlessFingerprint: serving.fingerprint });
      if (read === 'unchanged') {
        result = { status: 'unchanged', snapshot: serving.snapshot };
      } else {
        const { store } = serving.snapshot;
        const checked = guard.check({ serving: store.size, next: read.entryCount, file: files.faqFile });
        const { forced } = await checked.catch((error: unknown) => {
          read.discard();
          throw error;
        });
        log.info({ entries: read.entryCount, faqVersion: read.version, trigger }, 'FAQ files read and valid; indexing them while the current version serves');
        const buildStarted = performance.now();
        const built = await build(read);
        // the old snapshot serves until the new one has its vectors (or the wait for them is over)
        await vectors?.prepare(built, 'reload');
        const buildMs = performance.now() - buildStarted;
        serving = { snapshot: snapshotOf(name, built), fingerprint: read.fingerprint };
        result = { status: 'swapped', snapshot: serving.snapshot, previousVersion: store.version, forced, buildMs };
      }
      failure = undefined;
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      failure = {
        at: new Date(),
        trigger,
        file: err instanceof FaqDataError ? err.file : undefined,
        problems: err instanceof FaqDataError ? err.problems : [err.message],
        kind: err instanceof FaqDataError ? err.kind : 'internal',
      };
      result = { status: 'failed', snapshot: serving.snapshot, error: err };
    }
    report(result, trigger, Math.round(performance.now() - started), previousEntries);
    return result;
  }

  // Every outcome is logged at info or above: an operator who sent SIGHUP wants to read what it did.
  function report(result: ReloadResult, trigger: string, ms: number, previousEntries: number): void {
    const { store } = result.snapshot;
    if (result.status === 'swapped') {
      const fields = { faqVersion: store.version, previousVersion: result.previousVersion, entries: store.size, previousEntries, trigger, ms };
      if (result.forced) log.warn({ ...fields, forced: true, forceFile: guardOptions.forceFile }, 'FAQ set reloaded, forced past the shrink guard');
      else log.info(fields, 'FAQ set reloaded');
    } else if (result.status === 'unchanged') {
      log.info({ faqVersion: store.version, entries: store.size, trigger }, 'FAQ files unchanged; nothing to reload');
    } else {
      const refused = failure?.kind === 'empty' || failure?.kind === 'shrunk';
      log.error(
        { faqVersion: store.version, entries: store.size, trigger, kind: failure?.kind, file: failure?.file, problems: failure?.problems },
        refused ? 'FAQ reload refused by the shrink guard; still serving the previous version' : 'FAQ reload rejected; still serving the previous version',
      );
    }
    options.onReload?.(name, result, trigger);
  }

  function start(trigger: string): Promise<ReloadResult> {
    running = reloadNow(trigger).finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    name,
    files,
    current: () => serving.snapshot,
    loadBuildMs,
    lastFailure: () => failure,
    reload(trigger) {
      if (queued) return queued;
      if (!running) return start(trigger);
      queued = running.then(() => {
        queued = undefined;
        return start(trigger);
      });
      return queued;
    },
    close: () => vectors?.close(),
  };
}

/** Indexes validated data in slices that give the event loop back (the costly part, so the shrink guard runs before it). */
async function build(read: FaqFilesRead): Promise<FaqStore> {
  const faq = await read.faq();
  // the same version as loadFaqStore computes for these files (the CLI and tests), hashed in the reading thread
  return runInSlices(faqStoreSteps(faq, { synonyms: read.synonyms, version: read.version }));
}

function snapshotOf(name: string, store: FaqStore): FaqSnapshot {
  return Object.freeze({ set: name, store, loadedAt: new Date() });
}
