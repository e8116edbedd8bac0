import path from 'node:path';
import { dedupeIds } from '../../faq/faq-id';
import type { FaqEntry } from '../../faq/faq-schema';
import { resolveCuratedRelated } from '../../faq/related';
import { readCsvFile } from './csv-format';
import { readHelpCenterFile } from './help-center-format';
import { readJsonFaqFile } from './json-format';
import type { ImportProblem, ProgressListener, SourceReadResult } from './source-result';
import { readXlsxFile } from './xlsx-format';

/** Source formats, chosen by file extension. */
export type SourceFormat = 'help-center' | 'csv' | 'xlsx' | 'json';

const FORMAT_BY_EXTENSION: Readonly<Record<string, SourceFormat>> = {
  '.txt': 'help-center',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
};

/** The extensions `importFaqSources` understands. */
export const SOURCE_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

/** The format of a file by its extension, undefined for an unknown one. */
export function sourceFormatOf(file: string): SourceFormat | undefined {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
}

const READERS: Record<SourceFormat, (file: string, onProgress?: ProgressListener) => Promise<SourceReadResult>> = {
  'help-center': readHelpCenterFile,
  csv: readCsvFile,
  xlsx: readXlsxFile,
  json: readJsonFaqFile,
};

/** Per file: how many entries it gave and how many rows it rejected. */
export interface FileSummary {
  file: string;
  format: SourceFormat | undefined;
  entries: number;
  /** Rows or entries that were not imported (an entry with several problems counts once). */
  rejected: number;
  blankRows: number;
}

/** Everything an import produced, for the CLI to print and write. */
export interface ImportResult {
  /** Valid entries of all files in order, with ids unique (repeats renamed, see `notes`). */
  entries: FaqEntry[];
  problems: ImportProblem[];
  notes: string[];
  files: FileSummary[];
}

/** Hooks and switches of {@link importFaqSources}. */
export interface ImportOptions {
  /** Progress per file, e.g. for a progress bar. */
  onProgress?: (file: string, done: number, total: number) => void;
  /** Called before a file is read. */
  onFile?: (file: string, format: SourceFormat) => void;
  /** Rename repeated ids (`-2`, `-3`, reported in `notes`); default true. `faq lint` keeps them to report. */
  dedupe?: boolean;
}

/**
 * Reads FAQ entries from files of any supported format and merges them. Never throws for bad content:
 * unreadable files, rejected rows and invalid entries are all in `problems`. Curated related questions are
 * resolved to ids across all the files (unknown ones are kept and reported in `notes`). Ids stay stable across
 * re-imports: an entry without an explicit id gets the hash of its categories and question (`faqIdFor`).
 */
export async function importFaqSources(files: readonly string[], options: ImportOptions = {}): Promise<ImportResult> {
  const collected: { entry: FaqEntry; file: string }[] = [];
  const result: ImportResult = { entries: [], problems: [], notes: [], files: [] };
  for (const file of files) {
    const format = sourceFormatOf(file);
    let read: SourceReadResult;
    if (!format) {
      read = unreadable(file, `unknown file type; expected one of ${SOURCE_EXTENSIONS.join(' ')}`);
    } else {
      options.onFile?.(file, format);
      const onProgress = options.onProgress && ((done: number, total: number) => options.onProgress!(file, done, total));
      read = await READERS[format](file, onProgress).catch((error: unknown) =>
        unreadable(file, `cannot read: ${(error as Error).message}`),
      );
    }
    collected.push(...read.entries.map((entry) => ({ entry, file })));
    result.problems.push(...read.problems);
    result.notes.push(...read.notes);
    const rejected = new Set(read.problems.map((p) => p.location)).size;
    result.files.push({ file, format, entries: read.entries.length, rejected, blankRows: read.blankRows });
  }

  const all = collected.map((c) => c.entry);
  const unique = options.dedupe === false ? all : dedupeIds(all);
  unique.forEach((entry, i) => {
    const original = collected[i]!;
    if (entry.id !== original.entry.id) {
      const what = `id "${original.entry.id}" ("${entry.question.slice(0, 40)}")`;
      result.notes.push(`${original.file}: ${what} is already used by an earlier entry; renamed to "${entry.id}"`);
    }
  });
  // 관련질문 may name entries of any file of this import, so references are resolved once all are read
  const related = resolveCuratedRelated(unique);
  for (const { entry, ref } of related.unknown) {
    const file = collected[unique.indexOf(entry)]?.file ?? '';
    result.notes.push(`${file}: id "${entry.id}" ("${entry.question.slice(0, 40)}"): related "${ref}" names no entry; kept as written, not shown until an entry has that id or question`);
  }
  result.entries = related.entries;
  return result;
}

function unreadable(file: string, reason: string): SourceReadResult {
  return { entries: [], problems: [{ file, location: 'file', reason, code: 'invalid-file' }], notes: [], blankRows: 0 };
}
