import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openFaqSet, type FaqSet, type FaqSetOptions, type ReloadResult } from './reloadable-set';
import { createFaqSets, type FaqSets } from './set-selection';
import type { FaqSetsLayout } from './sets-file';
import { watchFiles, type FileWatcher } from '../watch-files';

/** The server's FAQ sets, reloadable on demand (SIGHUP) and when their files change. */
export interface LiveFaqSets extends FaqSets {
  readonly sets: readonly FaqSet[];
  /** Reloads every set (each keeps serving its old snapshot if its files are invalid). */
  reloadAll(trigger: string): Promise<ReloadResult[]>;
  /** Starts watching every set's files (once); a change reloads the sets that use the file. */
  watch(options: { debounceMs: number }): void;
  /** Stops watching, and building entry vectors. */
  close(): void;
}

/** The sets' options, and how long this process waits before it starts any reload. */
export interface LiveFaqSetsOptions extends FaqSetOptions {
  /**
   * This process's place in the machine's reload order, asked at each reload: a cluster worker's slot (0, 1, …;
   * src/cluster.ts). Default 0: reload at once.
   */
  reloadSlot?: () => number;
  /** FAQ_RELOAD_STAGGER_MS: the least wait per slot (see {@link staggerDelayMs}). Default 0. */
  reloadStaggerMs?: number;
}

/** How much longer than this process's last build a slot waits: reloads of similar workers vary by about this. */
const STAGGER_MARGIN = 1.25;
/** The longest guess per slot, however long the last build took (FAQ_RELOAD_STAGGER_MS may ask for more). */
const MAX_STAGGER_MS = 120_000;

/**
 * The wait before a reload starts, so that the workers of one machine usually rebuild one after another: per
 * slot, the longer of FAQ_RELOAD_STAGGER_MS and 1.25 × this process's last build (indexing and vectors, at load
 * or at the last reload that built; the guess is capped at 2 minutes, the configured floor is not). The workers
 * build the same files, so each one's last build is a fair guess at how long the one before it takes: a 50-entry
 * FAQ waits the floor, a 100,000-entry one (8–11 s a build under load on 2 cores) long enough that the builds do
 * not overlap, which a fixed 5 s did not. The first reload to a much larger FAQ is guessed from the smaller one.
 */
export function staggerDelayMs(slot: number, staggerMs: number, lastBuildMs: number): number {
  if (slot <= 0) return 0;
  return slot * Math.max(staggerMs, Math.min(MAX_STAGGER_MS, Math.ceil(lastBuildMs * STAGGER_MARGIN)));
}

/**
 * Loads every set of the layout, each with the same `options` (one log, one shrink guard, one embedder and
 * vector cache for all sets). Throws `FaqDataError` if any set's files are not usable or hold no entries: the
 * server must not start serving a channel nothing, or the wrong FAQ.
 */
export async function openFaqSets(layout: FaqSetsLayout, options: LiveFaqSetsOptions): Promise<LiveFaqSets> {
  const sets = await Promise.all(
    // absolute paths: the watcher reports changes by absolute path
    layout.sets.map((d) =>
      openFaqSet(d.name, { faqFile: path.resolve(d.faqFile), synonymsFile: path.resolve(d.synonymsFile) }, options),
    ),
  );
  const botSets = new Map(layout.sets.flatMap((d) => d.botIds.map((botId) => [botId, d.name] as const)));
  const routing = createFaqSets(sets, { defaultSet: layout.defaultSet, botSets });
  const watchers: FileWatcher[] = [];
  // the sets load and reload side by side, their slices taking turns on the event loop: each one's build lasts
  // about as long as all of them together, so the longest is the time to wait for
  let lastBuildMs = Math.max(...sets.map((set) => set.loadBuildMs));
  const staggered = async <T extends ReloadResult | ReloadResult[]>(trigger: string, reload: () => Promise<T>): Promise<T> => {
    const delayMs = staggerDelayMs(options.reloadSlot?.() ?? 0, options.reloadStaggerMs ?? 0, lastBuildMs);
    if (delayMs > 0) {
      options.log.info({ trigger, delayMs }, 'FAQ reload staggered: waiting for the workers before this one');
      await sleep(delayMs, undefined, { ref: false });
    }
    const results = await reload();
    // only a build tells how long the next one takes: unchanged files and rejected ones end before indexing
    const builds = [results].flat().flatMap((r) => (r.status === 'swapped' ? [r.buildMs] : []));
    if (builds.length > 0) lastBuildMs = Math.max(...builds);
    return results;
  };

  return {
    ...routing,
    sets,
    reloadAll: (trigger) => staggered(trigger, () => Promise.all(sets.map((s) => s.reload(trigger)))),
    watch({ debounceMs }) {
      if (watchers.length > 0) return;
      const files = sets.flatMap((s) => [s.files.faqFile, s.files.synonymsFile]);
      watchers.push(
        watchFiles(files, {
          debounceMs,
          onChange(changed) {
            for (const set of sets) {
              const hit = changed.find((f) => f === set.files.faqFile || f === set.files.synonymsFile);
              if (!hit) continue;
              const trigger = `file changed: ${path.basename(hit)}`;
              void staggered(trigger, () => set.reload(trigger));
            }
          },
          onError(error, dir) {
            options.log.error({ err: error, dir }, 'watching FAQ files failed; reload with SIGHUP');
          },
        }),
      );
    },
    close() {
      for (const w of watchers.splice(0)) w.close();
      for (const set of sets) set.close();
    },
  };
}
