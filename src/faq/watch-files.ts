import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** A running watch; `close` stops it. */
export interface FileWatcher {
  close(): void;
}

/** How {@link watchFiles} batches events and reports. */
export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs: an editor's save is several events. */
  debounceMs: number;
  onChange(files: string[]): void;
  onError(error: Error, dir: string): void;
}

/**
 * Watches files for changes, robust to how editors and deploy tools save: most write a temporary file and
 * rename it over the original (vim, VS Code with some settings, `writeFaqFile`), which replaces the inode a
 * file watch would be attached to, and Kubernetes swaps a `..data` symlink. So the *directories* are watched
 * and events are filtered by name: a watched file's name, a `..`-prefixed name (the symlink swap), or no
 * name at all (some platforms). Bursts of events are debounced into one call with the files involved.
 * Watchers do not keep the process alive.
 */
export function watchFiles(files: readonly string[], options: WatchOptions): FileWatcher {
  const byDir = new Map<string, Map<string, string>>();
  for (const file of files) {
    const absolute = path.resolve(file);
    const dir = path.dirname(absolute);
    const names = byDir.get(dir) ?? new Map<string, string>();
    names.set(path.basename(absolute), absolute);
    byDir.set(dir, names);
  }

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const changed = [...pending];
    pending = new Set();
    options.onChange(changed);
  };

  const watchers: FSWatcher[] = [];
  for (const [dir, names] of byDir) {
    const relevant = (name: string | undefined): string[] => {
      if (name === undefined) return [...names.values()]; // some platforms do not say which file
      const file = names.get(name);
      if (file) return [file];
      return name.startsWith('..') ? [...names.values()] : []; // Kubernetes' ..data symlink swap
    };
    const watcher = watch(dir, { persistent: false }, (_event, filename) => {
      const matched = relevant(filename?.toString());
      if (matched.length === 0) return;
      for (const f of matched) pending.add(f);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, options.debounceMs);
      timer.unref();
    });
    watcher.on('error', (error) => options.onError(error, dir));
    watchers.push(watcher);
  }

  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
