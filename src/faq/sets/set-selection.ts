import type { FaqSet, FaqSnapshot, ReloadFailure } from './reloadable-set';
import { DEFAULT_SET_NAME } from './sets-file';
import type { FaqStore } from '../faq-store';

/**
 * The FAQ sets a server answers from and the rule that picks one per skill call: the block parameter
 * `faqSet` (set in the admin center's 파라미터 설정) when it names a set, else the set mapped to the
 * calling bot's id, else the default set.
 */

/** The block parameter (`action.params.faqSet`) that names a set explicitly. */
export const FAQ_SET_PARAM = 'faqSet';

/** What selection reads from a skill call (a structural subset of `SkillRequest`). */
export interface FaqSetRequest {
  botId?: string | undefined;
  params: Readonly<Record<string, string>>;
}

/** The snapshot chosen for a call and why (`param`, `bot` or `default`). */
export interface FaqSelection {
  snapshot: FaqSnapshot;
  via: 'param' | 'bot' | 'default';
  /** A `faqSet` parameter that names no set (ignored; the caller should log it). */
  unknownSet?: string;
}

/**
 * `/healthz` per set: what is serving, and the last rejected reload if the files are currently broken.
 * `/healthz` is public, so a rejected reload shows only when and what kind of error; the file's path and
 * the problems (which quote the file: a JSON error shows its first bytes) are in the log line.
 */
export interface FaqSetHealth {
  entries: number;
  version: string;
  loadedAt: string;
  reloadError?: { at: string; kind: ReloadFailure['kind'] };
}

/** The sets the HTTP edge answers from (`AppDeps.faqSets`). */
export interface FaqSets {
  readonly defaultSet: string;
  /** The current snapshot of a set, undefined when there is no such set. */
  current(name: string): FaqSnapshot | undefined;
  /** The snapshot a skill call answers from; call once per request and keep it. */
  select(request: FaqSetRequest): FaqSelection;
  health(): Record<string, FaqSetHealth>;
}

type SetSource = Pick<FaqSet, 'name' | 'current' | 'lastFailure'>;

/** Sets with routing; `botSets` maps a bot id to a set name. */
export function createFaqSets(sets: readonly SetSource[], routing: { defaultSet: string; botSets: ReadonlyMap<string, string> }): FaqSets {
  const byName = new Map(sets.map((s) => [s.name, s]));
  const fallback = byName.get(routing.defaultSet);
  if (!fallback) throw new Error(`default FAQ set "${routing.defaultSet}" is not among ${[...byName.keys()].join(', ')}`);
  for (const [botId, name] of routing.botSets) {
    if (!byName.has(name)) throw new Error(`bot ${botId} is mapped to unknown FAQ set "${name}"`);
  }

  return {
    defaultSet: routing.defaultSet,
    current: (name) => byName.get(name)?.current(),
    select(request) {
      const asked = request.params[FAQ_SET_PARAM];
      const named = asked === undefined ? undefined : byName.get(asked);
      if (named) return { snapshot: named.current(), via: 'param' };
      const unknown = asked === undefined ? {} : { unknownSet: asked };
      const mapped = request.botId === undefined ? undefined : routing.botSets.get(request.botId);
      if (mapped !== undefined) return { snapshot: byName.get(mapped)!.current(), via: 'bot', ...unknown };
      return { snapshot: fallback.current(), via: 'default', ...unknown };
    },
    health() {
      const out: Record<string, FaqSetHealth> = {};
      for (const set of sets) {
        const { store, loadedAt } = set.current();
        const failure = set.lastFailure();
        out[set.name] = {
          entries: store.size,
          version: store.version,
          loadedAt: loadedAt.toISOString(),
          ...(failure ? { reloadError: { at: failure.at.toISOString(), kind: failure.kind } } : {}),
        };
      }
      return out;
    },
  };
}

/** One fixed set (tests, `npm run eval`): no files, no reloads. */
export function staticFaqSets(store: FaqStore, name: string = DEFAULT_SET_NAME): FaqSets {
  const snapshot: FaqSnapshot = Object.freeze({ set: name, store, loadedAt: new Date() });
  return createFaqSets([{ name, current: () => snapshot, lastFailure: () => undefined }], { defaultSet: name, botSets: new Map() });
}
