import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FaqEntry } from '../../faq/faq-schema';
import type { ProgressListener, SourceReadResult } from './source-result';
import { entryToRow, headerRow, relatedLabeller, type HeaderLanguage } from './table-columns';
import { readTableRows, type TableRow } from './table-rows';
import { decodeText } from './text-decoding';

/**
 * CSV (and TSV) in the spreadsheet layout of `table-columns.ts`. Export writes UTF-8 with a BOM, so Excel
 * opens Korean text correctly, and quotes every field that needs it (commas, quotes, line breaks).
 */

/** Reads a `.csv` (comma) or `.tsv` (tab) file. Never throws for bad content; it becomes problems. */
export async function readCsvFile(file: string, onProgress?: ProgressListener): Promise<SourceReadResult> {
  const decoded = decodeText(await readFile(file));
  if (!decoded) {
    return failed(file, 'file', 'not text in UTF-8, UTF-16 or EUC-KR (CP949); save the sheet as "CSV UTF-8"');
  }
  const delimiter = path.extname(file).toLowerCase() === '.tsv' ? '\t' : ',';
  const result = parseCsvText(decoded.text, file, { delimiter, onProgress });
  if (decoded.encoding !== 'utf-8') result.notes.push(`${file}: read as ${decoded.encoding.toUpperCase()}`);
  return result;
}

/** Parses CSV text already in memory (tests, stdin). */
export function parseCsvText(
  text: string,
  file: string,
  options: { delimiter?: string; onProgress?: ProgressListener | undefined } = {},
): SourceReadResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // csv-parse counts a CRLF inside a quoted field as two lines; with LF only, line numbers are exact
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      delimiter: options.delimiter ?? ',',
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as unknown as typeof records; // with `info: true` each record comes with its info
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return failed(file, line ? `line ${line}` : 'file', `not valid CSV, nothing imported: ${error.message}`);
    }
    throw error;
  }
  // `info.lines` is the line a record ends on; a quoted field with line breaks spans several lines, and the
  // operator looks for the line it starts on.
  let previousEnd = 0;
  const rows: TableRow[] = records.map(({ record, info }) => {
    const row = { position: previousEnd + 1, cells: record };
    previousEnd = info.lines;
    return row;
  });
  return readTableRows(rows, {
    file,
    sourceFile: path.basename(file),
    label: (line) => `line ${line}`,
    onProgress: options.onProgress,
  });
}

/** Entries → CSV text (with a UTF-8 BOM and CRLF line ends, as Excel writes it). */
export function formatCsv(entries: readonly FaqEntry[], headers: HeaderLanguage = 'ko'): string {
  const relatedLabel = relatedLabeller(entries);
  const body = stringify([headerRow(headers), ...entries.map((entry) => entryToRow(entry, relatedLabel))], {
    record_delimiter: 'windows',
    // csv-stringify quotes fields containing the record delimiter (CRLF), not a bare LF; readers need both
    quoted_match: /[\r\n]/,
  });
  return `\uFEFF${body}`;
}

function failed(file: string, location: string, reason: string): SourceReadResult {
  return { entries: [], problems: [{ file, location, reason, code: 'invalid-file' }], notes: [], blankRows: 0 };
}
