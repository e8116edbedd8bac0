import { checkEntry, describeEntryIssues, type EntryIssueCode } from '../../faq/check-entry';
import { faqIdFor } from '../../faq/faq-id';
import type { FaqEntry } from '../../faq/faq-schema';
import { questionKey } from '../../faq/question-key';

/**
 * The spreadsheet layout shared by CSV and XLSX: one row per entry, 지식+-style columns. Both Korean and
 * English headers are recognised (any case, spacing, `_` or `-`), so operators can keep their own sheets.
 *
 * | key | headers | cell |
 * |---|---|---|
 * | id | 아이디, id | optional; empty → the stable hash of categories and question |
 * | category1–4 | 카테고리1–4 (대/중/소/세분류), category1–4 | levels root first; no gaps; none → {@link DEFAULT_CATEGORY} |
 * | question, answer | 질문, 답변 / question, answer | required |
 * | alternateQuestions, keywords | 유사질문, 키워드 | several items, one per line or separated by `|` |
 * | related | 관련질문 / related | entries to suggest first under the answer: ids or exact questions, like a list |
 * | answerComplete | 답변완결 / answerComplete | optional: N when the answer is only part of the text (a snippet), Y, or empty |
 * | landingUrl, imageUrl | 링크, 이미지 / landingUrl, imageUrl | optional http(s) URL |
 * | updatedAt | 수정일 / updatedAt | optional ISO date or date-time |
 * | sourceFile, sourcePosition | 출처파일, 출처위치 | where the entry first came from (written by export) |
 */

export const COLUMN_KEYS = [
  'id',
  'category1',
  'category2',
  'category3',
  'category4',
  'question',
  'alternateQuestions',
  'keywords',
  'related',
  'answer',
  'answerComplete',
  'landingUrl',
  'imageUrl',
  'updatedAt',
  'sourceFile',
  'sourcePosition',
] as const;

/** A column by its field name. */
export type ColumnKey = (typeof COLUMN_KEYS)[number];
/** Which header names export writes: 지식+-style Korean or our field names. */
export type HeaderLanguage = 'ko' | 'en';

const HEADERS: Record<ColumnKey, { ko: string; en: string; aliases: readonly string[] }> = {
  id: { ko: '아이디', en: 'id', aliases: ['faqid', '식별자'] },
  category1: { ko: '카테고리1', en: 'category1', aliases: ['대분류'] },
  category2: { ko: '카테고리2', en: 'category2', aliases: ['중분류'] },
  category3: { ko: '카테고리3', en: 'category3', aliases: ['소분류'] },
  category4: { ko: '카테고리4', en: 'category4', aliases: ['세분류'] },
  question: { ko: '질문', en: 'question', aliases: ['대표질문'] },
  alternateQuestions: {
    ko: '유사질문',
    en: 'alternateQuestions',
    aliases: ['대체질문', '다른질문', 'alternatequestion', 'similarquestions'],
  },
  keywords: { ko: '키워드', en: 'keywords', aliases: ['keyword'] },
  related: { ko: '관련질문', en: 'related', aliases: ['관련', '연관질문', 'relatedquestions'] },
  answer: { ko: '답변', en: 'answer', aliases: [] },
  answerComplete: { ko: '답변완결', en: 'answerComplete', aliases: ['전체답변'] },
  landingUrl: { ko: '링크', en: 'landingUrl', aliases: ['랜딩url', '링크url', 'link', 'url'] },
  imageUrl: { ko: '이미지', en: 'imageUrl', aliases: ['이미지url', 'image'] },
  updatedAt: { ko: '수정일', en: 'updatedAt', aliases: ['최종수정일', 'updated'] },
  sourceFile: { ko: '출처파일', en: 'sourceFile', aliases: [] },
  sourcePosition: { ko: '출처위치', en: 'sourcePosition', aliases: [] },
};

const CATEGORY_KEYS = ['category1', 'category2', 'category3', 'category4'] as const;
// 지식+ sheets always have 카테고리1, operators' own sheets often do not: an entry needs a category, so a row
// without one is filed under DEFAULT_CATEGORY (and the import says how many were).
const REQUIRED: readonly ColumnKey[] = ['question', 'answer'];

/** The category of rows whose 카테고리1 is empty or missing. */
export const DEFAULT_CATEGORY = '기타';

/** "Landing URL" → "landingurl", "카테고리 1" → "카테고리1". */
function headerForm(cell: string): string {
  return cell.normalize('NFC').toLowerCase().replace(/[\s_\-.()]/g, '');
}

const KEY_BY_HEADER = new Map<string, ColumnKey>(
  COLUMN_KEYS.flatMap((key) => {
    const { ko, en, aliases } = HEADERS[key];
    return [ko, en, ...aliases].map((h) => [headerForm(h), key] as const);
  }),
);

/** The header row export writes. */
export function headerRow(language: HeaderLanguage): string[] {
  return COLUMN_KEYS.map((key) => HEADERS[key][language]);
}

/** Which cell holds which field; `unknown` lists headers that were ignored (reported, never silent). */
export interface HeaderMap {
  columns: ReadonlyMap<ColumnKey, number>;
  unknown: string[];
}

/**
 * Reads a header row. Returns undefined when the row is not a header (it lacks 질문 or 답변),
 * and a string naming the problem when a column appears twice.
 */
export function readHeader(cells: readonly string[]): HeaderMap | string | undefined {
  const columns = new Map<ColumnKey, number>();
  const unknown: string[] = [];
  for (const [index, cell] of cells.entries()) {
    if (cell.trim() === '') continue;
    const key = KEY_BY_HEADER.get(headerForm(cell));
    if (!key) {
      unknown.push(cell.trim());
      continue;
    }
    if (columns.has(key)) return `two columns mean ${key}: "${cells[columns.get(key)!]}" and "${cell}"`;
    columns.set(key, index);
  }
  return REQUIRED.every((k) => columns.has(k)) ? { columns, unknown } : undefined;
}

/** Headers a table must have, for the message when none is found. */
export const REQUIRED_HEADERS = REQUIRED.map((k) => `${HEADERS[k].ko}/${HEADERS[k].en}`).join(', ');

/** Where a row came from: the default `source` of entries from sheets without 출처 columns. */
export interface RowOrigin {
  file: string;
  /** 1-based line (CSV) or row (XLSX). */
  position: number;
}

/**
 * A row as a valid entry (`defaultCategory`: it had no category and got {@link DEFAULT_CATEGORY}), or why it
 * was rejected (with the code `faq lint` uses).
 */
export type RowResult =
  | { ok: true; entry: FaqEntry; defaultCategory: boolean }
  | { ok: false; code: EntryIssueCode; reason: string };

/** True when every cell is blank: such rows are counted, not imported. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * One data row → a validated entry. Free text (question, answer) is kept as written apart from NFC and
 * line endings; ids, categories, URLs and dates are trimmed; list cells are split by {@link decodeList}.
 */
export function rowToEntry(
  cells: readonly string[],
  header: HeaderMap,
  origin: RowOrigin,
  links: readonly (string | undefined)[] = [],
): RowResult {
  const has = (key: ColumnKey) => header.columns.has(key);
  const cell = (key: ColumnKey) => {
    const index = header.columns.get(key);
    if (index === undefined) return '';
    // a spreadsheet link cell shows text ("바로가기") and holds the URL; the URL is what a link column means
    const link = key === 'landingUrl' || key === 'imageUrl' ? links[index] : undefined;
    return (link ?? cells[index] ?? '').normalize('NFC').replace(/\r\n?/g, '\n');
  };

  const levels = CATEGORY_KEYS.map((k) => cell(k).trim());
  const depth = levels.findLastIndex((c) => c !== '') + 1;
  const gap = levels.slice(0, depth).findIndex((c) => c === '');
  const invalid = (reason: string): RowResult => ({ ok: false, code: 'invalid-entry', reason });
  if (gap >= 0) return invalid(`${HEADERS[CATEGORY_KEYS[gap]!].ko} is empty but a deeper category is set`);
  const categories = depth === 0 ? [DEFAULT_CATEGORY] : levels.slice(0, depth);
  const question = cell('question');
  if (question.trim() === '') return invalid(`${HEADERS.question.ko} is empty`);

  const optional = (key: ColumnKey) => {
    const value = cell(key).trim();
    return value === '' ? undefined : value;
  };
  const sourceFile = optional('sourceFile');
  const sourcePosition = optional('sourcePosition');
  // A sheet written by export carries 출처 columns; there an empty cell means "no source", elsewhere the
  // row itself is the source.
  const source = has('sourceFile')
    ? sourceFile !== undefined && sourcePosition !== undefined
      ? { file: sourceFile, position: Number(sourcePosition) }
      : undefined
    : { file: origin.file, position: origin.position };

  const raw = {
    id: optional('id') ?? faqIdFor(categories, question),
    categories,
    question,
    alternateQuestions: decodeList(cell('alternateQuestions')),
    keywords: decodeList(cell('keywords')),
    related: has('related') && cell('related').trim() !== '' ? decodeList(cell('related')) : undefined,
    answer: cell('answer'),
    answerComplete: yesNo(optional('answerComplete')),
    landingUrl: optional('landingUrl'),
    imageUrl: optional('imageUrl'),
    updatedAt: optional('updatedAt'),
    source,
  };
  const checked = checkEntry(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (checked.ok) return { ok: true, entry: checked.entry, defaultCategory: depth === 0 };
  return { ok: false, code: checked.issues[0]?.code ?? 'invalid-entry', reason: describeEntryIssues(checked.issues) };
}

/**
 * An entry → its cells, in {@link COLUMN_KEYS} order. `relatedLabel` writes a curated reference the way an
 * operator reads it (see {@link relatedLabeller}); by default as stored.
 */
export function entryToRow(entry: FaqEntry, relatedLabel: (ref: string) => string = (ref) => ref): string[] {
  const values: Record<ColumnKey, string> = {
    id: entry.id,
    category1: entry.categories[0] ?? '',
    category2: entry.categories[1] ?? '',
    category3: entry.categories[2] ?? '',
    category4: entry.categories[3] ?? '',
    question: entry.question,
    alternateQuestions: encodeList(entry.alternateQuestions),
    keywords: encodeList(entry.keywords),
    related: encodeList((entry.related ?? []).map(relatedLabel)),
    answer: entry.answer,
    answerComplete: entry.answerComplete === undefined ? '' : entry.answerComplete ? 'Y' : 'N',
    landingUrl: entry.landingUrl ?? '',
    imageUrl: entry.imageUrl ?? '',
    updatedAt: entry.updatedAt ?? '',
    sourceFile: entry.source?.file ?? '',
    sourcePosition: entry.source ? String(entry.source.position) : '',
  };
  return COLUMN_KEYS.map((key) => values[key]);
}

/** "N" / "false" / "아니오" → false, "Y" / "true" / "예" → true; anything else is kept for the schema to reject. */
function yesNo(cell: string | undefined): boolean | string | undefined {
  if (cell === undefined) return undefined;
  if (/^(?:n|no|false|아니오|아니요)$/i.test(cell)) return false;
  if (/^(?:y|yes|true|예|네)$/i.test(cell)) return true;
  return cell;
}

/**
 * Curated references as export writes them: the question of the entry an id names when no other entry has
 * that question (readable, and import resolves it back to the same id), else the id itself.
 */
export function relatedLabeller(entries: readonly FaqEntry[]): (ref: string) => string {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const askedBy = new Map<string, number>();
  for (const e of entries) askedBy.set(questionKey(e.question), (askedBy.get(questionKey(e.question)) ?? 0) + 1);
  return (ref) => {
    const entry = byId.get(ref);
    return entry && askedBy.get(questionKey(entry.question)) === 1 && !byId.has(entry.question.trim()) ? entry.question.trim() : ref;
  };
}

/**
 * Several items in one cell, one per line (what export writes: readable in a spreadsheet) or separated by
 * `|` (quicker to type). Inside an item `\|`, `\\` and `\n` stand for a pipe, a backslash and a line break.
 * Items are trimmed and empty ones dropped.
 */
export function decodeList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i += 1) {
    const ch = cell[i]!;
    const next = cell[i + 1];
    if (ch === '\\' && (next === '\\' || next === '|' || next === 'n')) {
      current += next === 'n' ? '\n' : next;
      i += 1;
    } else if (ch === '|' || ch === '\n') {
      items.push(current);
      current = '';
    } else if (ch !== '\r') {
      current += ch;
    }
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** The inverse of {@link decodeList}: one item per line, with `\`, `|` and line breaks escaped. */
export function encodeList(items: readonly string[]): string {
  return items.map((item) => item.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '\\n')).join('\n');
}
