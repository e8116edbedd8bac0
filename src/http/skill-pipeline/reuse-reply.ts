import { skillReplyKey, type ReplyCache } from '../reply-cache';
import { passThrough, type SkillOutcome, type Step } from './step';

/**
 * Step: answers a repeated question with the reply built for it before in the same FAQ snapshot, for skills
 * that name a `replyKey` (src/skill.ts says what the key must cover; src/http/reply-cache.ts how replies are
 * kept). Off without a cache.
 */
export function reuseReply(cache: ReplyCache | undefined): Step {
  if (!cache) return passThrough;
  return async (call, next) => {
    const cacheKey = skillReplyKey(call.skill, call.request);
    if (cacheKey === undefined) return next();
    // the snapshot is the scope: a reload's new data never answers from replies built on the old
    const reused = cache.get(call.snapshot, cacheKey);
    if (reused) return { status: 'ok', reply: reused, cached: true };
    const outcome = await next();
    keepReply(cache, call.snapshot, cacheKey, outcome);
    return outcome;
  };
}

/**
 * Keeps `outcome`'s reply under `key` when it may answer the next asker too, and says whether it did: only replies
 * the skill itself built (an apology is about this call, not the question), and not one built in a passing
 * condition (the semantic stage down): the next asker deserves better. Reply warming keeps its replies the same way.
 */
export function keepReply(cache: ReplyCache, snapshot: object, key: string, outcome: SkillOutcome): boolean {
  if (outcome.status !== 'ok' || outcome.doNotReuse) return false;
  cache.set(snapshot, key, outcome.reply);
  return true;
}
