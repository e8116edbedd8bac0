import type { ClipEvent, ClipOptions } from '../../../src/kakao';

/**
 * Reply fragments built once and reused: what depends only on the FAQ snapshot (an entry's answer card, its
 * related questions, the category chips) or on nothing at all (the "처음으로" chip) need not be built on every
 * call. A fragment is built with a recorder for its clip events, and every use reports them again to that
 * call's `onClip`, so the clip log and metrics see each reply exactly as when it was built for it.
 *
 * Reused fragments are shared by many replies: nothing may change them once built. The builders in src/kakao
 * return fresh objects and nothing downstream mutates a reply; only the 30 KB fit clips texts in place, and a
 * reply made of these fragments is far below 30 KB (an answer is at most a card of 400 characters, three
 * questions and five chips).
 */

interface Built<T> {
  readonly value: T;
  readonly clips: readonly ClipEvent[];
}

/** Fragments kept per owner before the memo starts over (an owner is a snapshot or a constant). */
const FRAGMENTS_PER_OWNER = 5_000;

const fragments = new WeakMap<object, Map<string, Built<unknown>>>();

/**
 * The fragment `key` of `owner` (e.g. a FaqStore: an entry's card lives as long as its snapshot), built by
 * `build` with the call's other clip options on first use; `clip.onClip` receives the fragment's clip events.
 */
export function builtOnce<T>(owner: object, key: string, clip: ClipOptions, build: (clip: ClipOptions) => T): T {
  let memo = fragments.get(owner);
  if (memo === undefined) fragments.set(owner, (memo = new Map()));
  let built = memo.get(key) as Built<T> | undefined;
  if (built === undefined) {
    const clips: ClipEvent[] = [];
    built = { value: build({ ...clip, onClip: (event) => clips.push(event) }), clips };
    if (memo.size >= FRAGMENTS_PER_OWNER) memo.clear();
    memo.set(key, built);
  }
  if (clip.onClip) for (const event of built.clips) clip.onClip(event);
  return built.value;
}
