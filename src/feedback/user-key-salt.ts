import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isLoopbackHost } from '../config';
import { readOptionalFile } from '../read-optional-file';

/**
 * The salt for hashing user keys in feedback. `USER_KEY_SALT` wins when set. Otherwise each install gets its
 * own random salt, created once in `user-key-salt` next to the feedback file (mode 0600) and reused on every
 * start, so the same user hashes the same way across restarts while the hashes mean nothing elsewhere.
 * There is deliberately no built-in default: a salt printed in the README would let anyone holding a user
 * key recognise that user in the log. Losing the file only breaks linking old and new ratings of one user.
 */
export async function resolveUserKeySalt(config: { userKeySalt: string | undefined; feedbackFile: string }): Promise<string> {
  if (config.userKeySalt !== undefined) return config.userKeySalt;
  const file = path.join(path.dirname(config.feedbackFile), 'user-key-salt');
  const existing = await readSalt(file);
  if (existing !== undefined) return existing;
  await mkdir(path.dirname(file), { recursive: true });
  const salt = randomBytes(32).toString('hex');
  try {
    // 'wx' fails if another process created the file meanwhile; then its salt is the one to use.
    await writeFile(file, `${salt}\n`, { flag: 'wx', mode: 0o600 });
    return salt;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readSalt(file);
    if (raced === undefined) throw new Error(`${file} exists but holds no salt of 16+ characters`);
    return raced;
  }
}

/**
 * The warning for a salt this machine created, where that is a problem; undefined where it is not. Besides user
 * hashes, the answer page's feedback form token is keyed from the salt, so behind a load balancer a page served
 * by one instance and voted on through another is refused (403 stale_form) unless every instance has the same
 * USER_KEY_SALT. A PUBLIC_BASE_URL that is not localhost is the sign of a deployment that may have several.
 */
export function generatedSaltWarning(config: { userKeySalt: string | undefined; publicBaseUrl: string }): string | undefined {
  if (config.userKeySalt !== undefined || isLoopbackHost(new URL(config.publicBaseUrl).hostname)) return undefined;
  return (
    'USER_KEY_SALT is not set: this machine uses a salt of its own (user-key-salt next to FEEDBACK_FILE). ' +
    'Several instances need one USER_KEY_SALT, the same on every one: otherwise answer-page votes are refused ' +
    '(403 stale_form) when the vote reaches another instance than the page came from, and one user hashes differently on each'
  );
}

async function readSalt(file: string): Promise<string | undefined> {
  const text = await readOptionalFile(file);
  if (text === undefined) return undefined;
  const salt = text.trim();
  if (salt.length < 16) throw new Error(`${file} holds no salt of 16+ characters; delete it to create a new one`);
  return salt;
}
