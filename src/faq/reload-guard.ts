import { stat } from 'node:fs/promises';
import { FaqDataError } from './load-faq';

/**
 * Keeps a bad export from wiping a live FAQ. A file that is valid JSON with few or no entries (an export
 * run against the wrong sheet, a half-synced directory) would otherwise make the server answer almost every
 * question with the fallback while /healthz says ready. So a server never starts on an empty set, and a
 * reload that empties a set or removes more than `maxShrink` of its entries is refused, unless the operator
 * forces it: `touch` the force file, then reload again. The server never deletes the marker (a cluster's
 * workers each reload on their own, and it may sit on a read-only mount); a set remembers the marker's
 * modification time when it opened and after each reload it accepted, and a marker touched since then lets
 * one refused change through. Comparing the marker with itself, not with the clock, keeps a network file
 * system's clock skew out of it.
 */

/** `FAQ_RELOAD_MAX_SHRINK` and `FAQ_RELOAD_FORCE_FILE`. */
export interface ReloadGuardOptions {
  /** Largest share of a set's entries, 0–1, one reload may remove; 1 = only emptying is refused. */
  maxShrink: number;
  /** Absolute path of the marker an operator touches to force the next reload. */
  forceFile?: string | undefined;
}

/** Refuse a reload that removes more than half of a set's entries. */
export const DEFAULT_MAX_SHRINK = 0.5;

const EMPTY_PROBLEM = 'has no entries: every question would get the fallback answer';

/** At startup: a set with no entries is not usable. Throws {@link FaqDataError} (`empty`) naming the file. */
export function requireEntries(entries: number, file: string): void {
  if (entries === 0) {
    throw new FaqDataError(file, [`${EMPTY_PROBLEM}; import the FAQ into this file first (npm run faq -- import)`], 'empty');
  }
}

/** One set's guard; see the module comment. */
export interface ReloadGuard {
  /**
   * Checks a reload from `serving` to `next` entries of `file`. Resolves with whether the force marker let a
   * refused change through (the marker is then used up); throws {@link FaqDataError} (`empty` or `shrunk`)
   * naming the file when the change is refused.
   */
  check(change: { serving: number; next: number; file: string }): Promise<{ forced: boolean }>;
}

/** A guard for one set; reads the marker's current state, which does not force anything. */
export async function createReloadGuard(options: ReloadGuardOptions): Promise<ReloadGuard> {
  let seen = await markerStamp(options.forceFile);
  return {
    async check({ serving, next, file }) {
      const stamp = await markerStamp(options.forceFile);
      const removed = serving - next;
      const tooMany = next === 0 || (serving > 0 && removed / serving > options.maxShrink);
      if (tooMany && (stamp === undefined || stamp === seen)) throw refusal(options, { serving, next, file });
      // an accepted change uses the marker up, forced or not, so a forgotten touch cannot force a later one
      seen = stamp;
      return { forced: tooMany };
    },
  };
}

function refusal(options: ReloadGuardOptions, { serving, next, file }: { serving: number; next: number; file: string }): FaqDataError {
  const touch = options.forceFile === undefined ? undefined : `touch ${options.forceFile} and reload again (SIGHUP)`;
  if (next === 0) {
    // a restart does not help here: the server does not start on an empty set
    const howToForce = touch === undefined ? 'fix the file' : `fix the file, or if that is intended, ${touch}`;
    return new FaqDataError(file, [`${EMPTY_PROBLEM} (the set serves ${serving} now); ${howToForce}`], 'empty');
  }
  // The guard only watches reloads: a restart loads the new file, which matters where the marker cannot be touched.
  const howToForce = `if that is intended, ${touch === undefined ? '' : `${touch}, or `}restart the server (a restart loads the new file)`;
  const removed = serving - next;
  const share = Math.round((removed / serving) * 100);
  return new FaqDataError(
    file,
    [`would remove ${removed} of the ${serving} entries (${share}%), more than FAQ_RELOAD_MAX_SHRINK=${options.maxShrink} allows; ${howToForce}`],
    'shrunk',
  );
}

async function markerStamp(forceFile: string | undefined): Promise<number | undefined> {
  if (forceFile === undefined) return undefined;
  try {
    return (await stat(forceFile)).mtimeMs;
  } catch {
    return undefined; // no marker (the usual case), or one we cannot see: nothing forces
  }
}
