/**
 * Bookkeeping for an output that may fail (the log on stdout, the feedback file): it counts what was lost,
 * by reason, and announces each failing spell exactly twice, when the first write is lost and when a write
 * goes through again. A full disk fails every write; saying so per write would flood the very output that
 * is failing, or the one beside it.
 */
export interface LostWrites {
  /** `count` writes were lost for `reason` (an errno code such as ENOSPC, or `backlog_full`). */
  lost(reason: string, count?: number, error?: unknown): void;
  /** A write went through; ends a failing spell. */
  wrote(): void;
  /** Everything lost since the start, by reason (the metrics read this at each scrape). */
  counts(): ReadonlyMap<string, number>;
}

export interface LostWritesAnnouncer {
  /** The first loss of a spell. */
  failing(reason: string, error: unknown): void;
  /** The first write that went through after a spell, and how many writes the spell lost. */
  recovered(lost: number): void;
}

export function trackLostWrites(announce: LostWritesAnnouncer): LostWrites {
  const counts = new Map<string, number>();
  let lostInSpell = 0;
  return {
    lost(reason, count = 1, error) {
      if (count <= 0) return;
      counts.set(reason, (counts.get(reason) ?? 0) + count);
      if (lostInSpell === 0) announce.failing(reason, error);
      lostInSpell += count;
    },
    wrote() {
      if (lostInSpell === 0) return;
      const lost = lostInSpell;
      lostInSpell = 0;
      announce.recovered(lost);
    },
    counts: () => counts,
  };
}

/** The errno code of a failed write (ENOSPC, EPIPE, EIO, …), or `error` when there is none. */
export function lossReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]{1,20}$/.test(code) ? code : 'error';
}
