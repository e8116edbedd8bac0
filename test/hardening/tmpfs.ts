import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A small real filesystem that can be filled up: a tmpfs mounted on a fresh folder. Mounting needs root;
 * CI runs as root, and anywhere else the test fails saying so instead of quietly testing less.
 */
export interface Tmpfs {
  readonly dir: string;
  /** Writes a filler file until the filesystem answers ENOSPC. */
  fill(): void;
  /** Deletes the filler file, so there is room again. */
  free(): Promise<void>;
  unmount(): void;
}

export function mountTmpfs(size = '256k'): Tmpfs {
  if (process.getuid?.() !== 0) {
    throw new Error('this test mounts a small tmpfs to fill it up, which needs root: run it as root (CI does)');
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'full-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      try {
        // a page, then single bytes: tmpfs hands out whole pages, and the last partial one must go too
        for (const chunk of [Buffer.alloc(4096), Buffer.alloc(1)]) {
          for (;;) {
            try {
              writeSync(fd, chunk);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw error;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rm(filler, { force: true }),
    unmount() {
      // lazy: a process that has not quite let go of a file here must not leave the mount behind
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
