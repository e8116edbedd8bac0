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
   * The wait before a reload (SIGHUP or file change) starts, asked at each reload: a cluster worker's slot ×
   * FAQ_RELOAD_STAGGER_MS, so that the workers of one machine rebuild one after another, never all at once
   * (src/cluster.ts). Default none.
   */
  reloadDelayMs?: () => number;
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
  const staggered = async <T>(trigger: string, reload: () => Promise<T>): Promise<T> => {
    const delayMs = options.reloadDelayMs?.() ?? 0;
    if (delayMs > 0) {
      options.log.info({ trigger, delayMs }, 'FAQ reload staggered: waiting for the workers before this one');
      await sleep(delayMs, undefined, { ref: false });
    }
    return reload();
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
