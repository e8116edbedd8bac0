import { readFile } from 'node:fs/promises';

/** A UTF-8 file's text, or `undefined` when the file does not exist (any other error is thrown). */
export async function readOptionalFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
