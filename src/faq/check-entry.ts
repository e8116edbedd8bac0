import type { z } from 'zod';
import { FaqEntrySchema, MAX_CATEGORY_DEPTH, type FaqEntry } from './faq-schema';

/**
 * What can be wrong with one entry, as a code that importers and `faq lint` share: `category-depth` (more
 * than four levels), `empty-url` / `broken-url` (landingUrl, imageUrl), `invalid-entry` (anything else).
 */
export type EntryIssueCode = 'category-depth' | 'empty-url' | 'broken-url' | 'invalid-entry';

/** One problem of an entry: what kind, which field, and a message for the operator. */
export interface EntryIssue {
  code: EntryIssueCode;
  /** Dotted path inside the entry, e.g. `landingUrl`, `categories.2`; `(entry)` for the entry itself. */
  field: string;
  message: string;
}

/** The entry as the schema outputs it (defaults applied), or every problem found. */
export type EntryCheck = { ok: true; entry: FaqEntry } | { ok: false; issues: EntryIssue[] };

const URL_FIELDS = new Set(['landingUrl', 'imageUrl']);

/** Validates one entry against {@link FaqEntrySchema}, naming every problem by field and code. */
export function checkEntry(raw: unknown): EntryCheck {
  const result = FaqEntrySchema.safeParse(raw);
  if (result.success) return { ok: true, entry: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => toEntryIssue(issue, raw)) };
}

/** "field landingUrl: must be an http(s) URL; field answer: must not be blank" */
export function describeEntryIssues(issues: readonly EntryIssue[]): string {
  return issues.map((i) => `field ${i.field}: ${i.message}`).join('; ');
}

function toEntryIssue(issue: z.core.$ZodIssue, raw: unknown): EntryIssue {
  const field = issue.path.length > 0 ? issue.path.join('.') : '(entry)';
  const [head] = issue.path;
  if (head === 'categories' && issue.path.length === 1 && issue.code === 'too_big') {
    const depth = Array.isArray((raw as { categories?: unknown }).categories)
      ? (raw as { categories: unknown[] }).categories.length
      : undefined;
    return {
      code: 'category-depth',
      field,
      message: `${depth ?? 'too many'} category levels (지식+ allows ${MAX_CATEGORY_DEPTH})`,
    };
  }
  if (typeof head === 'string' && URL_FIELDS.has(head)) {
    const value = (raw as Record<string, unknown>)[head];
    const blank = typeof value === 'string' && value.trim() === '';
    return blank
      ? { code: 'empty-url', field, message: 'is empty (leave the field out when there is no link)' }
      : { code: 'broken-url', field, message: `${JSON.stringify(value)} ${issue.message}` };
  }
  return { code: 'invalid-entry', field, message: issue.message };
}
