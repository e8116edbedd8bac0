import type { EdgeReplies } from '../../skill';
import type { UserLimiter } from '../rate-limit';
import { passThrough, type Step } from './step';
import { wireReply } from './stamp-faq-set';

/**
 * Step: a user over the per-user limit (USER_RATE_LIMIT, src/http/rate-limit.ts) gets the rate-limited bubble
 * (still HTTP 200) and nothing further runs: no reply-cache lookup, no skill. Off without a limiter.
 */
export function limitUser(limiter: UserLimiter | undefined, replies: EdgeReplies): Step {
  if (!limiter) return passThrough;
  return async (call, next) => {
    if (!(await limiter.isOver(call.request.userId))) return next();
    return { status: 'rate_limited', reply: wireReply(replies.rateLimited(), call.snapshot) };
  };
}
