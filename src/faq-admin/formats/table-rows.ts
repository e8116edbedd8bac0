import { DEFAULT_CATEGORY, isBlankRow, readHeader, REQUIRED_HEADERS, rowToEntry, type HeaderMap } from './table-columns';
import type { ProgressListener, SourceReadResult } from './source-result';

/** One spreadsheet row as text cells, with its 1-based line (CSV) or row number (XLSX). */
export interface TableRow {
  position: number;
  cells: string[];
  /** Link targets of hyperlink cells (XLSX), used for the URL columns instead of the shown text. */
  links?: (string | undefined)[];
  /** Set when the row cannot be read as text (a formula error in a cell); the row is rejected with it. */
  unreadable?: string;
}

/** Where a table comes from, for problem locations and default `source`s. */
export interface TableContext {
  /** The file as reported in problems (the path the operator gave). */
  file: string;
  /** The file name stored in `source.file` of entries from sheets without 출처 columns. */
  sourceFile: string;
  /** "line 12", "sheet FAQ row 12": how a position is named in problems. */
  label(position: number): string;
  onProgress?: ProgressListener | undefined;
}

/** Rows above the header that may be a title or instructions; beyond this a missing header is an error. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Turns the rows of one table (a CSV file or one worksheet) into entries: finds the header row, then
 * converts and validates each data row. Every row ends up as an entry, a problem or a counted blank row.
 */
export function readTableRows(rows: readonly TableRow[], context: TableContext): SourceReadResult {
  const result: SourceReadResult = { entries: [], problems: [], notes: [], blankRows: 0 };
  const { file, label } = context;
  let header: HeaderMap | undefined;
  const preamble: TableRow[] = [];
  const uncategorised: string[] = [];

  for (const [index, row] of rows.entries()) {
    context.onProgress?.(index + 1, rows.length);
    if (isBlankRow(row.cells)) {
      if (header) result.blankRows += 1;
      continue;
    }
    if (!header) {
      const found = readHeader(row.cells);
      if (typeof found === 'string') {
        result.problems.push({ file, location: label(row.position), reason: `${found}; no rows imported`, code: 'invalid-file' });
        return result;
      }
      if (found) {
        header = found;
        if (found.unknown.length > 0) {
          result.notes.push(`${file}: ignored column(s) ${found.unknown.map((h) => `"${h}"`).join(', ')}`);
        }
        if (preamble.length > 0) {
          const skipped = preamble.map((r) => label(r.position)).join(', ');
          result.notes.push(`${file}: skipped ${preamble.length} row(s) above the header (${skipped})`);
        }
        continue;
      }
      preamble.push(row);
      if (preamble.length >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    if (row.unreadable) {
      result.problems.push({ file, location: label(row.position), reason: row.unreadable, code: 'invalid-entry' });
      continue;
    }
    const converted = rowToEntry(row.cells, header, { file: context.sourceFile, position: row.position }, row.links);
    if (converted.ok) {
      result.entries.push(converted.entry);
      if (converted.defaultCategory) uncategorised.push(label(row.position));
    } else result.problems.push({ file, location: label(row.position), reason: converted.reason, code: converted.code });
  }

  if (uncategorised.length > 0) {
    const where = uncategorised.length > 5 ? `${uncategorised.slice(0, 5).join(', ')}, …` : uncategorised.join(', ');
    result.notes.push(`${file}: ${uncategorised.length} row(s) have no 카테고리1 and were filed under "${DEFAULT_CATEGORY}" (${where})`);
  }
  if (!header && preamble.length > 0) {
    const dataRows = rows.filter((r) => !isBlankRow(r.cells)).length;
    result.problems.push({
      file,
      location: label(preamble[0]!.position),
      reason: `no header row with ${REQUIRED_HEADERS} in the first ${HEADER_SEARCH_ROWS} rows; ${dataRows} row(s) not imported`,
      code: 'invalid-file',
    });
  }
  return result;
}
