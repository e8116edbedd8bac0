import type { EntryIssueCode } from '../../faq/check-entry';
import type { FaqEntry } from '../../faq/faq-schema';

/**
 * What reading one source file yields. Nothing is dropped silently: every row or entry that did not become
 * an entry is in `problems` (with file, location and reason), and blank rows are counted.
 */
export interface SourceReadResult {
  entries: FaqEntry[];
  problems: ImportProblem[];
  /** Things worth telling the operator that lose no data (ignored columns, the text encoding used). */
  notes: string[];
  /** Rows with no content at all (spreadsheet padding); not entries, not problems. */
  blankRows: number;
}

/** One rejected row, entry or file. `code` is shared with `faq lint` (`invalid-file` when nothing was read). */
export interface ImportProblem {
  file: string;
  /** "line 12" (CSV, help-center page), "sheet FAQ row 7" (XLSX), "entries[3] (id …)" (JSON), "file". */
  location: string;
  reason: string;
  code: EntryIssueCode | 'invalid-file';
}

/** Called as rows are processed, so the CLI can draw a progress bar; `total` is the row count. */
export type ProgressListener = (done: number, total: number) => void;

/** "file.csv line 12: 질문 is empty" */
export function formatProblem(problem: ImportProblem): string {
  return `${problem.file} ${problem.location}: ${problem.reason}`;
}
