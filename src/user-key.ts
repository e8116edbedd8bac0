import { createHmac, randomBytes } from 'node:crypto';

/**
 * Kakao user keys (`userRequest.user.id`, the botUserKey) identify a person across sessions, so they never
 * reach logs, metrics or stores as they are. What is kept is an HMAC-SHA256 of the key with a secret salt
 * (`USER_KEY_SALT`): stable for one salt, so a report can count distinct users and join feedback to calls,
 * and useless to anyone without the salt (a plain hash of a known key format could be reversed by guessing).
 */

/** Hex characters kept from the HMAC: 128 bits, far beyond any chance of two users colliding. */
const HASH_HEX_LENGTH = 32;

/**
 * Hashes kept per salt: a user sends several messages in a row, and the HMAC cost more than the rest of the
 * call log. Bounded, least recently used first out, so a flood of made-up keys costs a fixed amount of memory.
 */
const CACHED_HASHES = 4096;
/** A process has one salt (tests make a few); past this many the oldest salt's hashes are dropped. */
const CACHED_SALTS = 8;
/** Kakao's keys are 64 hex characters; a longer one is hashed but not kept, so the cache's memory stays small. */
const CACHED_KEY_LENGTH = 256;
const hashesBySalt = new Map<string, Map<string, string>>();

/** The salted hash of a user key (32 hex characters); undefined when the payload named no user. */
export function hashUserKey(userKey: string, salt: string): string | undefined {
  if (userKey === '') return undefined;
  let hashes = hashesBySalt.get(salt);
  if (!hashes) {
    if (hashesBySalt.size >= CACHED_SALTS) hashesBySalt.delete(hashesBySalt.keys().next().value!);
    hashes = new Map();
    hashesBySalt.set(salt, hashes);
  }
  const cached = hashes.get(userKey);
  if (cached !== undefined) {
    // a Map iterates in insertion order: re-inserting makes this the most recently used
    hashes.delete(userKey);
    hashes.set(userKey, cached);
    return cached;
  }
  const hash = createHmac('sha256', salt).update(userKey, 'utf8').digest('hex').slice(0, HASH_HEX_LENGTH);
  if (userKey.length > CACHED_KEY_LENGTH) return hash;
  hashes.set(userKey, hash);
  if (hashes.size > CACHED_HASHES) hashes.delete(hashes.keys().next().value!);
  return hash;
}

/** A random salt for a process started without `USER_KEY_SALT` (hashes then change on every restart). */
export function randomUserKeySalt(): string {
  return randomBytes(32).toString('base64url');
}
