import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { FaqFileSchema, type FaqFile } from './faq-schema';

/** A FAQ data file that cannot be used. The message names the file, the entry and the field. */
export class FaqDataError extends Error {
  override readonly name = 'FaqDataError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
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
    throw new FaqDataError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const result = FaqFileSchema.safeParse(json);
  if (!result.success) throw new FaqDataError(file, describeIssues(result.error, json));
  return result.data;
}

/** Reads a data file as UTF-8 text. Throws {@link FaqDataError} naming the file. */
export async function readDataFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new FaqDataError(file, [`cannot read: ${(error as Error).message}`]);
  }
}

/** Reads and validates a FAQ data file from disk. Throws {@link FaqDataError}. */
export async function loadFaqFile(file: string): Promise<FaqFile> {
  return parseFaqFile(await readDataFile(file), file);
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
