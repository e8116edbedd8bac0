import { createHmac, randomBytes } from 'node:crypto';

/**
 * Kakao user keys (`userRequest.user.id`, the botUserKey) identify a person across sessions, so they never
 * reach logs, metrics or stores as they are. What is kept is an HMAC-SHA256 of the key with a secret salt
 * (`USER_KEY_SALT`): stable for one salt, so a report can count distinct users and join feedback to calls,
 * and useless to anyone without the salt (a plain hash of a known key format could be reversed by guessing).
 */

/** Hex characters kept from the HMAC: 128 bits, far beyond any chance of two users colliding. */
const HASH_HEX_LENGTH = 32;

/** The salted hash of a user key (32 hex characters); undefined when the payload named no user. */
export function hashUserKey(userKey: string, salt: string): string | undefined {
  if (userKey === '') return undefined;
  return createHmac('sha256', salt).update(userKey, 'utf8').digest('hex').slice(0, HASH_HEX_LENGTH);
}

/** A random salt for a process started without `USER_KEY_SALT` (hashes then change on every restart). */
export function randomUserKeySalt(): string {
  return randomBytes(32).toString('base64url');
}
