import { skillReplyKey, type ReplyCache } from '../reply-cache';
import { passThrough, type Step } from './step';

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
    // only replies the skill itself built: an apology is about this call, not the question,
    // nor one the skill built in a passing condition (the semantic stage down): the next asker deserves better
    if (outcome.status === 'ok' && !outcome.doNotReuse) cache.set(call.snapshot, cacheKey, outcome.reply);
    return outcome;
  };
}
