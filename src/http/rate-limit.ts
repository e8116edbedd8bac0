import type { RequestHandler } from 'express';
import { MemoryStore, rateLimit, type Options } from 'express-rate-limit';
import { HttpError, sendError } from './http-error';
import { sendTooManyRequestsPage } from './page-response';

/**
 * Abuse limits. Skill calls are limited per Kakao user key, because every call comes from Kakao's few
 * servers (an IP limit would throttle all users at once); the other routes are limited per client IP.
 * Counters live in this process's memory: with WORKERS > 1 or several replicas each process counts on its
 * own (docs/operating.md "Abuse limits").
 */

export interface UserLimiter {
  /** Counts a call for `userKey` and says whether it is over the limit. */
  isOver(userKey: string): Promise<boolean>;
}

export interface LimitOptions {
  /** Calls allowed per window; 0 disables the limit. */
  limit: number;
  windowMs: number;
  /** Called for every refused request (metrics). */
  onLimited?: () => void;
}

/** Payloads without a user key share one bucket, so leaving the key out is no way around the limit. */
const ANONYMOUS = '\u0000anonymous';

/**
 * A per-user-key counter for the skill route, or undefined when the limit is 0 (off). A user over it gets
 * `EdgeReplies.rateLimited()`: a normal, valid SkillResponse (HTTP 200), so Kakao shows a bubble.
 */
export function createUserLimiter({ limit, windowMs, onLimited }: LimitOptions): UserLimiter | undefined {
  if (limit <= 0) return undefined;
  const store = new MemoryStore();
  store.init({ windowMs } as Options);
  return {
    async isOver(userKey) {
      const { totalHits } = await store.increment(userKey === '' ? ANONYMOUS : userKey);
      const over = totalHits > limit;
      if (over) onLimited?.();
      return over;
    },
  };
}

/**
 * Per-IP limit for every route except `POST /skill/*`: HTML routes (`/faq/…`) get a short Korean page,
 * the others the usual JSON error, both with status 429 and `Retry-After`. Undefined when the limit is 0.
 */
export function ipLimiter({ limit, windowMs, onLimited }: LimitOptions): RequestHandler | undefined {
  if (limit <= 0) return undefined;
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      onLimited?.();
      if (req.path.startsWith('/faq/')) return sendTooManyRequestsPage(res);
      sendError(res, new HttpError(429, 'rate_limited', 'Too many requests from this address; retry after Retry-After seconds'), res.locals.requestId);
    },
  });
}
