import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Embedder } from '../semantic/embedder';
import { buildEntryVectors } from '../semantic/entry-vectors';
import type { SemanticService } from '../semantic/semantic-service';
import { openVectorCache, type VectorCache } from '../semantic/vector-cache';
import type { FaqStore } from './faq-store';

/**
 * Binds entry vectors to the snapshot they were built for. A load or a reload builds the new store's vectors
 * before the store starts serving, waiting at most `waitMs`; past that, or when the embedding service is
 * down, the store serves lexical-only and its vectors are attached to that same store when they are ready
 * (retrying with growing pauses while the service is down). A store only accepts vectors built from its own
 * entries, so one generation's lexical index never answers with another generation's vectors.
 */

export interface SnapshotVectorsOptions {
  embedder: Embedder;
  /** Without one, every load embeds every entry again. */
  cache?: VectorCache | undefined;
  /** How long a load or reload waits for the new snapshot's vectors before serving it lexical-only (default 15 s). */
  waitMs?: number;
  /** Pause after a failed build, doubling up to `maxMs` while the snapshot serves (default 1 s to 60 s). */
  retry?: { firstMs: number; maxMs: number };
  /** Where each set's vectors stand, and its builds by result (`kakao_faq_entry_vectors*`). */
  metrics?: Pick<Metrics, 'setEntryVectorsState' | 'recordEntryVectorBuild'> | undefined;
}

/** Where a snapshot's vectors stand when it starts serving. */
export type VectorsState = 'attached' | 'building' | 'unavailable';

export interface SnapshotVectors {
  /**
   * Starts building `store`'s vectors, stopping the work for the store it replaces, and resolves when they
   * are attached, when the first attempt failed (`unavailable`: retries go on in the background) or after
   * `waitMs` (`building`), whichever comes first. Never rejects.
   */
  prepare(store: FaqStore, why: 'load' | 'reload'): Promise<VectorsState>;
  /** Stops building and retrying (shutdown, tests). */
  close(): void;
}

export const DEFAULT_VECTORS_WAIT_MS = 15_000;
const DEFAULT_RETRY = { firstMs: 1_000, maxMs: 60_000 };

/** One per FAQ set: `owner` (the set's name) names the set's vectors in the cache. */
export function createSnapshotVectors(owner: string, options: SnapshotVectorsOptions, log: Logger): SnapshotVectors {
  const waitMs = options.waitMs ?? DEFAULT_VECTORS_WAIT_MS;
  const retry = options.retry ?? DEFAULT_RETRY;
  let working: AbortController | undefined;

  async function buildUntilAttached(store: FaqStore, why: 'load' | 'reload', signal: AbortSignal, settle: (state: VectorsState) => void) {
    const fields = { faqVersion: store.version, entries: store.size, model: options.embedder.model };
    for (let attempt = 1, pauseMs = retry.firstMs; !signal.aborted; attempt++, pauseMs = Math.min(retry.maxMs, pauseMs * 2)) {
      try {
        const { vectors, stats } = await buildEntryVectors(store.entries, {
          embedder: options.embedder,
          cache: options.cache,
          signal,
          retainAs: owner,
        });
        if (signal.aborted) return;
        if (!store.attachVectors(vectors)) throw new Error('the vectors were built for other entries');
        options.metrics?.recordEntryVectorBuild(owner, 'ok');
        options.metrics?.setEntryVectorsState(owner, 'attached');
        log.info({ ...fields, ...stats, attempt }, 'entry vectors ready; semantic matching on for this FAQ version');
        settle('attached');
        // the reload's vectors are retained: what no set uses any more can go (only when it is most of the files)
        if (why === 'reload' && options.cache) {
          const result = await options.cache.compact({ onlyIfWasteful: true });
          if (result.compacted) log.info({ model: options.embedder.model, ...result }, 'entry vector cache compacted');
        }
        return;
      } catch (error) {
        if (signal.aborted) return;
        const reason = error instanceof Error ? error.message : String(error);
        options.metrics?.recordEntryVectorBuild(owner, 'error');
        options.metrics?.setEntryVectorsState(owner, 'unavailable');
        log.warn({ ...fields, attempt, retryInMs: pauseMs, reason }, 'entry vectors could not be built; this FAQ version is matched lexically until they are');
        settle('unavailable');
        await sleep(pauseMs, undefined, { signal, ref: false }).catch(() => undefined);
      }
    }
  }

  return {
    prepare(store, why) {
      // the store this one replaces will not serve much longer: its build would only compete with this one
      working?.abort(new Error('superseded by a newer FAQ version'));
      const controller = new AbortController();
      working = controller;
      options.metrics?.setEntryVectorsState(owner, 'building');
      return new Promise<VectorsState>((resolve) => {
        let settled = false;
        const settle = (state: VectorsState) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(state);
        };
        const timer = setTimeout(() => {
          log.info({ faqVersion: store.version, entries: store.size, waitedMs: waitMs }, 'entry vectors still building; serving lexically meanwhile');
          settle('building');
        }, waitMs);
        void buildUntilAttached(store, why, controller.signal, settle).finally(() => settle('unavailable'));
      });
    },
    close() {
      working?.abort(new Error('closed'));
      working = undefined;
    },
  };
}

/**
 * The server's options: entry texts embedded through the semantic service (its circuit breaker and batch
 * timeouts), vectors cached under `cacheDir` (EMBEDDINGS_CACHE_DIR). A cache that cannot be read or written
 * costs re-embedding, never the server: the first failure of each kind is logged, then every 100th.
 */
export function serverVectorsOptions(semantic: Pick<SemanticService, 'model' | 'embedPassages'>, cacheDir: string, log: Logger): SnapshotVectorsOptions {
  const failures = new Map<string, number>();
  const cache = openVectorCache({
    dir: cacheDir,
    model: semantic.model,
    onError(error, action) {
      const count = (failures.get(action) ?? 0) + 1;
      failures.set(action, count);
      if (count % 100 === 1) log.warn({ dir: cacheDir, action, failures: count, reason: error.message }, 'entry vector cache failed; vectors are embedded again instead');
    },
  });
  const embedder: Embedder = { model: semantic.model, embed: (texts, options) => semantic.embedPassages(texts, options) };
  return { embedder, cache };
}
