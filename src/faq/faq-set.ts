import { createHash } from 'node:crypto';
import type { Logger } from '../log';
import { createFaqStore, type FaqStore } from './faq-store';
import { FaqDataError, parseFaqFile, readDataFile } from './load-faq';
import { parseSynonymsText } from './load-synonyms';

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

/** What a reload did: swapped in a new snapshot, found nothing new, or kept the old one. */
export type ReloadResult =
  | { status: 'swapped'; snapshot: FaqSnapshot; previousVersion: string }
  | { status: 'unchanged'; snapshot: FaqSnapshot }
  /** `snapshot` is the one still serving. */
  | { status: 'failed'; snapshot: FaqSnapshot; error: Error };

/** The last reload that was rejected, until a later reload succeeds. */
export interface ReloadFailure {
  at: Date;
  trigger: string;
  file: string | undefined;
  problems: readonly string[];
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
  lastFailure(): ReloadFailure | undefined;
  /**
   * Re-reads the files and swaps in a new snapshot if they changed and are valid. Never rejects. Calls
   * while a reload runs are coalesced into one more reload after it, which reads the files as they are then.
   */
  reload(trigger: string): Promise<ReloadResult>;
}

/** How a set reports its reloads. */
export interface FaqSetOptions {
  log: Logger;
  /** Told about every finished reload (tests wait on it; the server only logs). */
  onReload?: (set: string, result: ReloadResult, trigger: string) => void;
  /** Largest data or synonyms file read (`FAQ_MAX_BYTES`); default 20 MB. Checked before reading. */
  maxBytes?: number;
}

interface Built {
  snapshot: FaqSnapshot;
  fingerprint: string;
}

/** Loads a set for the first time. Throws {@link FaqDataError}: a server must not start without its data. */
export async function openFaqSet(name: string, files: FaqSetFiles, options: FaqSetOptions): Promise<FaqSet> {
  const texts = await readTexts(files, options.maxBytes);
  let serving: Built = { snapshot: build(name, files, texts), fingerprint: fingerprintOf(texts) };
  let failure: ReloadFailure | undefined;
  let running: Promise<ReloadResult> | undefined;
  let queued: Promise<ReloadResult> | undefined;

  const log = options.log.child({ faqSet: name });

  async function reloadNow(trigger: string): Promise<ReloadResult> {
    const started = performance.now();
    let result: ReloadResult;
    try {
      const next = await readTexts(files, options.maxBytes);
      const fingerprint = fingerprintOf(next);
      if (fingerprint === serving.fingerprint) {
        result = { status: 'unchanged', snapshot: serving.snapshot };
      } else {
        const previousVersion = serving.snapshot.store.version;
        serving = { snapshot: build(name, files, next), fingerprint };
        result = { status: 'swapped', snapshot: serving.snapshot, previousVersion };
      }
      failure = undefined;
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      failure = {
        at: new Date(),
        trigger,
        file: err instanceof FaqDataError ? err.file : undefined,
        problems: err instanceof FaqDataError ? err.problems : [err.message],
      };
      result = { status: 'failed', snapshot: serving.snapshot, error: err };
    }
    report(result, trigger, Math.round(performance.now() - started));
    return result;
  }

  function report(result: ReloadResult, trigger: string, ms: number): void {
    const { store } = result.snapshot;
    if (result.status === 'swapped') {
      log.info({ faqVersion: store.version, previousVersion: result.previousVersion, entries: store.size, trigger, ms }, 'FAQ set reloaded');
    } else if (result.status === 'unchanged') {
      log.debug({ faqVersion: store.version, trigger }, 'FAQ files unchanged; nothing to reload');
    } else {
      log.error(
        { faqVersion: store.version, trigger, file: failure?.file, problems: failure?.problems },
        'FAQ reload rejected; still serving the previous version',
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
  };
}

interface Texts {
  faq: string;
  synonyms: string;
}

async function readTexts(files: FaqSetFiles, maxBytes?: number): Promise<Texts> {
  const [faq, synonyms] = await Promise.all([readDataFile(files.faqFile, maxBytes), readDataFile(files.synonymsFile, maxBytes)]);
  return { faq, synonyms };
}

function fingerprintOf(texts: Texts): string {
  return createHash('sha256').update(texts.faq).update('\0').update(texts.synonyms).digest('hex');
}

/** Validates and indexes; throws {@link FaqDataError} naming the file, the entry and the field. */
function build(name: string, files: FaqSetFiles, texts: Texts): FaqSnapshot {
  const faq = parseFaqFile(texts.faq, files.faqFile);
  const synonyms = parseSynonymsText(texts.synonyms, files.synonymsFile);
  // same inputs as loadFaqStore, so a set's version equals the version the CLI and tests compute
  const store = createFaqStore(faq, { synonyms, versionSalt: texts.synonyms });
  return Object.freeze({ set: name, store, loadedAt: new Date() });
}
