import { readFile } from 'node:fs/promises';
import { checkEntry } from '../../faq/check-entry';
import type { ProgressListener, SourceReadResult } from './source-result';

/**
 * Our own data file (`{ "schemaVersion": 1, "entries": [...] }`, or a bare array of entries) as an import
 * source. Unlike `loadFaqFile`, which refuses a file with any bad entry (the server must not serve half a
 * file), each entry is checked on its own so that every bad one is reported and the good ones kept.
 */
export async function readJsonFaqFile(file: string, onProgress?: ProgressListener): Promise<SourceReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return failed(file, `cannot read: ${(error as Error).message}`);
  }
  return parseJsonFaqText(text, file, onProgress);
}

/** Checks JSON text entry by entry. */
export function parseJsonFaqText(text: string, file: string, onProgress?: ProgressListener): SourceReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failed(file, `not valid JSON: ${(error as Error).message}`);
  }
  const container = json as { schemaVersion?: unknown; entries?: unknown };
  const entries = Array.isArray(json) ? json : container?.entries;
  if (!Array.isArray(entries)) return failed(file, 'expected { "schemaVersion": 1, "entries": [...] } or an array of entries');
  if (!Array.isArray(json) && container.schemaVersion !== 1) {
    return failed(file, `schemaVersion ${JSON.stringify(container.schemaVersion)} is not supported (expected 1)`);
  }

  const result: SourceReadResult = { entries: [], problems: [], notes: [], blankRows: 0 };
  entries.forEach((raw: unknown, index) => {
    onProgress?.(index + 1, entries.length);
    const checked = checkEntry(raw);
    if (checked.ok) {
      result.entries.push(checked.entry);
      return;
    }
    for (const issue of checked.issues) {
      result.problems.push({ file, location: entryLabel(raw, index), reason: `field ${issue.field}: ${issue.message}`, code: issue.code });
    }
  });
  return result;
}

/** "entries[3] (id faq-1a2b…, question "환불…")", as in the server's load errors. */
function entryLabel(raw: unknown, index: number): string {
  const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const parts = [
    typeof entry.id === 'string' ? `id ${entry.id}` : undefined,
    typeof entry.question === 'string' ? `question "${entry.question.slice(0, 40)}"` : undefined,
  ].filter(Boolean);
  return `entries[${index}]${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function failed(file: string, reason: string): SourceReadResult {
  return { entries: [], problems: [{ file, location: 'file', reason, code: 'invalid-file' }], notes: [], blankRows: 0 };
}
