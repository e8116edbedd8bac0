import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

async function readSalt(file: string): Promise<string | undefined> {
  const text = await readOptionalFile(file);
  if (text === undefined) return undefined;
  const salt = text.trim();
  if (salt.length < 16) throw new Error(`${file} holds no salt of 16+ characters; delete it to create a new one`);
  return salt;
}
