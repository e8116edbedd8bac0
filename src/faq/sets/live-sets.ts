import path from 'node:path';
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

/**
 * Loads every set of the layout, each with the same `options` (one log, one shrink guard, one embedder and
 * vector cache for all sets). Throws `FaqDataError` if any set's files are not usable or hold no entries: the
 * server must not start serving a channel nothing, or the wrong FAQ.
 */
export async function openFaqSets(layout: FaqSetsLayout, options: FaqSetOptions): Promise<LiveFaqSets> {
  const sets = await Promise.all(
    // absolute paths: the watcher reports changes by absolute path
    layout.sets.map((d) =>
      openFaqSet(d.name, { faqFile: path.resolve(d.faqFile), synonymsFile: path.resolve(d.synonymsFile) }, options),
    ),
  );
  const botSets = new Map(layout.sets.flatMap((d) => d.botIds.map((botId) => [botId, d.name] as const)));
  const routing = createFaqSets(sets, { defaultSet: layout.defaultSet, botSets });
  const watchers: FileWatcher[] = [];

  return {
    ...routing,
    sets,
    reloadAll: (trigger) => Promise.all(sets.map((s) => s.reload(trigger))),
    watch({ debounceMs }) {
      if (watchers.length > 0) return;
      const files = sets.flatMap((s) => [s.files.faqFile, s.files.synonymsFile]);
      watchers.push(
        watchFiles(files, {
          debounceMs,
          onChange(changed) {
            for (const set of sets) {
              const hit = changed.find((f) => f === set.files.faqFile || f === set.files.synonymsFile);
              if (hit) void set.reload(`file changed: ${path.basename(hit)}`);
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
