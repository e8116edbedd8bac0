import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './http-error';

/**
 * Checks the shared-secret header the operator sets on the skill in the chatbot admin center.
 * Kakao does not sign requests, so this header is the only proof a call comes from our bot.
 * Both sides are hashed first so the comparison is constant-time whatever the lengths.
 * Neither side carries stray whitespace: node's HTTP parser drops spaces and tabs around a header value
 * (they are not part of it, RFC 9110 §5.5), and src/config.ts trims SKILL_SECRET.
 */
export function requireSecret(headerName: string, secret: string | undefined): RequestHandler {
  if (secret === undefined) return (_req, _res, next) => next();
  const expected = digest(secret);
  return (req, _res, next) => {
    const sent = req.get(headerName);
    if (sent === undefined) {
      next(new HttpError(401, 'missing_secret', `Missing the ${headerName} header required by this skill server`));
    } else if (!timingSafeEqual(digest(sent), expected)) {
      next(new HttpError(401, 'wrong_secret', `The ${headerName} header does not match this skill server's secret`));
    } else {
      next();
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
