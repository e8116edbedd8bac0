import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { z } from 'zod';
import { FaqFileSchema, type FaqFile } from './faq-schema';
import { firstInvalidUtf8Byte } from './utf8';

/**
 * What is wrong with a data file, in one word: safe to show publicly (`/healthz`), where the file's path
 * and the problems (which quote the file's content) are not. `empty` and `shrunk` are reloads refused by
 * the shrink guard (src/faq/reload-guard.ts).
 */
export type FaqDataErrorKind = 'unreadable' | 'too_large' | 'not_utf8' | 'invalid_json' | 'invalid_data' | 'empty' | 'shrunk';

/** A FAQ data file that cannot be used. The message names the file, the entry and the field. */
export class FaqDataError extends Error {
  override readonly name = 'FaqDataError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    readonly kind: FaqDataErrorKind = 'invalid_data',
  ) {
    super(`FAQ data file ${file} is not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates the text of a FAQ data file. Throws {@link FaqDataError}. */
export function parseFaqFile(text: string, file: string): FaqFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FaqDataError(file, [`not valid JSON: ${(error as Error).message}`], 'invalid_json');
  }
  const result = FaqFileSchema.safeParse(json);
  if (!result.success) throw new FaqDataError(file, describeIssues(result.error, json));
  return result.data;
}

/**
 * The largest data file read by default (`FAQ_MAX_BYTES`, the same default in src/config.ts): 100,000 entries
 * are about 80 MB, so this admits 1.6 times that, and still bounds what one read can hold in memory.
 */
export const DEFAULT_MAX_DATA_FILE_BYTES = 128 * 1024 * 1024;

const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a data file as UTF-8 text. Throws {@link FaqDataError} naming the file when it cannot be opened
 * (missing, a symlink loop, no permission), is not a regular file (a directory, FIFO or device such as
 * /dev/zero, which would never end), is larger than `maxBytes`, or is not UTF-8 (UTF-16, Latin-1: the
 * message gives the byte and line). A UTF-8 byte-order mark is accepted and dropped.
 *
 * Everything is read through one descriptor, so a file replaced by rename mid-read is read whole in its
 * old version, and one that grows mid-read still stops at `maxBytes`.
 */
export async function readDataFile(file: string, maxBytes: number = DEFAULT_MAX_DATA_FILE_BYTES): Promise<string> {
  let handle: FileHandle;
  try {
    // Non-blocking, so opening a FIFO cannot wait forever for a writer; fstat below refuses it.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new FaqDataError(file, [`cannot read: ${(error as Error).message}`], 'unreadable');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FaqDataError(file, [`cannot read: not a regular file (${stat.isDirectory() ? 'a directory' : 'a device, FIFO or socket'})`], 'unreadable');
    const tooBig = () => new FaqDataError(file, [`too large: over the ${maxBytes}-byte limit (FAQ_MAX_BYTES)${stat.size > maxBytes ? `; the file is ${stat.size} bytes` : ''}`], 'too_large');
    if (stat.size > maxBytes) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(READ_CHUNK_BYTES), 0, READ_CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooBig();
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return decodeUtf8(Buffer.concat(chunks, total), file);
  } catch (error) {
    if (error instanceof FaqDataError) throw error;
    throw new FaqDataError(file, [`cannot read: ${(error as Error).message}`], 'unreadable');
  } finally {
    await handle.close();
  }
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    // fatal: invalid bytes throw instead of becoming U+FFFD; the default ignoreBOM=false drops a UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new FaqDataError(file, ['not UTF-8: it starts with a UTF-16 byte-order mark; save it as UTF-8'], 'not_utf8');
    }
    const at = firstInvalidUtf8Byte(bytes);
    const line = bytes.subarray(0, Math.max(at, 0)).filter((b) => b === 0x0a).length + 1;
    throw new FaqDataError(file, [`not UTF-8: invalid byte 0x${(bytes[at] ?? 0).toString(16)} at byte ${at} (line ${line}); save it as UTF-8`], 'not_utf8');
  }
}

/** Reads and validates a FAQ data file from disk. Throws {@link FaqDataError}. */
export async function loadFaqFile(file: string, maxBytes?: number): Promise<FaqFile> {
  return parseFaqFile(await readDataFile(file, maxBytes), file);
}

/** "entries[3] (id faq-1a2b…, question "…") field answer: must not be blank" */
function describeIssues(error: z.ZodError, json: unknown): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const [head, index, ...field] = issue.path;
    if (head === 'entries' && typeof index === 'number') {
      const entry = (json as { entries?: unknown[] }).entries?.[index] as Record<string, unknown> | undefined;
      const label = [
        typeof entry?.id === 'string' ? `id ${entry.id}` : undefined,
        typeof entry?.question === 'string' ? `question "${entry.question.slice(0, 40)}"` : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      const where = `entries[${index}]${label ? ` (${label})` : ''}`;
      return `${where} field ${field.length ? field.join('.') : '(entry)'}: ${issue.message}`;
    }
    return `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`;
  });
}
