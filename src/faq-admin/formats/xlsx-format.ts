import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FaqEntry } from '../../faq/faq-schema';
import type { ProgressListener, SourceReadResult } from './source-result';
import { COLUMN_KEYS, entryToRow, headerRow, relatedLabeller, type HeaderLanguage } from './table-columns';
import { readTableRows, type TableRow } from './table-rows';

/**
 * XLSX in the spreadsheet layout of `table-columns.ts`. Every worksheet with a header row is read; a sheet
 * with content but no recognisable header is reported, never skipped quietly. Export writes one sheet
 * ("FAQ") of text cells, so nothing is re-interpreted as a number, date or formula.
 */

/** Excel cannot hold more than this many characters in one cell. */
export const XLSX_CELL_MAX = 32_767;

/** An entry that does not fit a spreadsheet cell. */
export class XlsxExportError extends Error {
  override readonly name = 'XlsxExportError';
  constructor(
    readonly entryId: string,
    readonly field: string,
    readonly length: number,
  ) {
    super(`entry ${entryId}: ${field} has ${length} characters; an Excel cell holds at most ${XLSX_CELL_MAX}`);
  }
}

/** Reads every worksheet of an `.xlsx` file. Never throws for bad content; it becomes problems. */
export async function readXlsxFile(file: string, onProgress?: ProgressListener): Promise<SourceReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    return {
      entries: [],
      problems: [{ file, location: 'file', reason: `not a readable .xlsx workbook: ${(error as Error).message}`, code: 'invalid-file' }],
      notes: [],
      blankRows: 0,
    };
  }
  const sheets = workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  const result: SourceReadResult = { entries: [], problems: [], notes: [], blankRows: 0 };
  let before = 0;
  for (const sheet of sheets) {
    if (sheet.rows.length === 0) continue;
    const offset = before;
    const part = readTableRows(sheet.rows, {
      file,
      sourceFile: path.basename(file),
      label: (row) => `sheet "${sheet.name}" row ${row}`,
      onProgress: onProgress && ((done) => onProgress(offset + done, total)),
    });
    before += sheet.rows.length;
    result.entries.push(...part.entries);
    result.problems.push(...part.problems);
    result.notes.push(...part.notes);
    result.blankRows += part.blankRows;
  }
  return result;
}

function sheetRows(sheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, position) => {
    const cells: string[] = [];
    const links: (string | undefined)[] = [];
    const errors: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const value = cellText(cell.value);
      cells[column - 1] = value.text;
      links[column - 1] = value.link;
      if (value.error) errors.push(`${cell.address} holds the formula error ${value.error}`);
    });
    for (let i = 0; i < cells.length; i += 1) cells[i] ??= '';
    rows.push({ position, cells, links, ...(errors.length > 0 ? { unreadable: errors.join('; ') } : {}) });
  });
  return rows;
}

/** A cell as text: numbers as written, dates as ISO dates, rich text joined, formulas by their result. */
function cellText(value: ExcelJS.CellValue): { text: string; link?: string; error?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: isoDate(value) };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
  if ('hyperlink' in value) return { text: cellText(value.text as ExcelJS.CellValue).text, link: value.hyperlink };
  if ('error' in value) return { text: value.error, error: value.error };
  if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  return { text: String(value) };
}

/** Excel stores dates without a zone; exceljs gives them as UTC. A date without a time is a date. */
function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Columns whose text wraps, top-aligned: the long ones. */
const WRAPPED_COLUMNS: ReadonlySet<string> = new Set(['question', 'alternateQuestions', 'keywords', 'related', 'answer']);

/**
 * Entries → an `.xlsx` workbook (bytes). Throws {@link XlsxExportError} for text longer than a cell.
 * Written row by row (exceljs's streaming writer): a workbook of 100,000 entries built in memory first took
 * over 1 GB of heap, a streamed one holds little more than its compressed bytes.
 */
export async function formatXlsx(entries: readonly FaqEntry[], headers: HeaderLanguage = 'ko'): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.created = new Date(0); // a fixed date keeps repeated exports of the same data byte-identical
  workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet('FAQ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMN_KEYS.map((key) => ({
    key,
    width: COLUMN_WIDTHS[key] ?? 16,
    ...(WRAPPED_COLUMNS.has(key) ? { style: { alignment: { wrapText: true, vertical: 'top' } } } : {}),
  }));
  const header = sheet.addRow(headerRow(headers));
  header.font = { bold: true };
  header.commit();
  const relatedLabel = relatedLabeller(entries);
  for (const entry of entries) {
    const cells = entryToRow(entry, relatedLabel);
    cells.forEach((text, i) => {
      if (text.length > XLSX_CELL_MAX) throw new XlsxExportError(entry.id, COLUMN_KEYS[i]!, text.length);
    });
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const COLUMN_WIDTHS: Partial<Record<(typeof COLUMN_KEYS)[number], number>> = {
  id: 20,
  question: 40,
  alternateQuestions: 30,
  related: 30,
  answer: 80,
  landingUrl: 30,
  imageUrl: 30,
};
