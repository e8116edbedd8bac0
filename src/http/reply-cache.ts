import type { SkillRequest, SkillResponse } from '../kakao';
import type { Skill } from '../skill';

/**
 * Replies already built, so a question asked again is answered without matching and building it again.
 *
 * A busy channel hears the same questions all day ("환불", "배송 조회", the same paraphrases). Matching and
 * building a reply costs several times what the HTTP edge does. A skill opts in by naming, per request, a key
 * that covers every request field its reply depends on (`Skill.replyKey`). Entries are kept per FAQ
 * snapshot: a reload makes a new snapshot, so no reply built from old data is ever served, and the old
 * snapshot's entries go with it. Each snapshot keeps at most `maxEntries` replies, least recently used first out.
 */

/** A reply as it goes on the wire, with the part the call log and metrics read. */
export interface CachedReply {
  /** The stamped, validated SkillResponse, serialised. */
  readonly body: string;
  /** Its `data` (outcome, faqId, confidence…). Shared: never mutate it. */
  readonly data: SkillResponse['data'];
}

export interface ReplyCache {
  get(scope: object, key: string): CachedReply | undefined;
  set(scope: object, key: string, reply: CachedReply): void;
}

/** Keys longer than this are not cached: a key is a user's text plus a little context, so this is generous. */
const MAX_KEY_LENGTH = 2_000;

/** A reply cache holding up to `maxEntries` replies per scope; `undefined` when `maxEntries` is 0 (off). */
export function createReplyCache(options: {
  maxEntries: number;
  /** Called on every lookup: whether it was answered from the cache. */
  onLookup?: (hit: boolean) => void;
}): ReplyCache | undefined {
  const { maxEntries, onLookup } = options;
  if (maxEntries <= 0) return undefined;
  // WeakMap: when a reload drops a snapshot, its replies become garbage with it.
  const scopes = new WeakMap<object, Map<string, CachedReply>>();
  return {
    get(scope, key) {
      const replies = scopes.get(scope);
      const reply = replies?.get(key);
      if (replies && reply) {
        // a Map iterates in insertion order: re-inserting makes this the most recently used
        replies.delete(key);
        replies.set(key, reply);
      }
      onLookup?.(reply !== undefined);
      return reply;
    },
    set(scope, key, reply) {
      if (key.length > MAX_KEY_LENGTH) return;
      let replies = scopes.get(scope);
      if (!replies) {
        replies = new Map();
        scopes.set(scope, replies);
      }
      replies.delete(key);
      replies.set(key, reply);
      if (replies.size > maxEntries) {
        const oldest = replies.keys().next();
        if (!oldest.done) replies.delete(oldest.value);
      }
    },
  };
}

/** Where a skill's reply to `request` is kept: the skill's name and its `replyKey`; undefined when it names none. */
export function skillReplyKey(skill: Skill, request: SkillRequest): string | undefined {
  const replyKey = skill.replyKey?.(request);
  return replyKey === undefined ? undefined : `${skill.name}\u0000${replyKey}`;
}
