import { z } from 'zod';

/**
 * One FAQ entry as stored in `data/*.json`. Field names follow Kakao's 지식+ model
 * (categories 1–4 levels, question, answer, landingUrl, imageUrl) plus what matching needs.
 */

/** Ids appear in URLs (`/faq/:id`) and in button `extra`, so they are restricted to a URL-safe alphabet. */
export const FAQ_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** 지식+ allows up to four category levels. */
export const MAX_CATEGORY_DEPTH = 4;

/** Curated related entries per entry: more than a list card shows (5), fewer than a wall of links. */
export const MAX_RELATED_REFS = 10;

const nonBlank = z.string().refine((s) => s.trim().length > 0, { message: 'must not be blank' });

/**
 * Longest field values (UTF-16 code units). Every reply carries questions and category names whole (in `data`,
 * in each list item's messageText), and Kakao drops any reply over 30 KB: a 12,000-character question once
 * turned every answer and list that showed it into the apology bubble. A longer value is a paste, not a question.
 */
export const FAQ_FIELD_MAX = Object.freeze({ question: 300, category: 100, keyword: 100, answer: 20_000 });

const line = (max: number) => nonBlank.pipe(z.string().max(max, `must be at most ${max} characters`));

const httpUrl = z
  .string()
  .refine((s) => /^https?:\/\/[^\s/]+/i.test(s) && URL.canParse(s), { message: 'must be an http(s) URL' });

export const FaqEntrySchema = z.object({
  id: z.string().regex(FAQ_ID_PATTERN, 'must be 1-64 characters of A-Z a-z 0-9 _ - (it is used in URLs)'),
  categories: z.array(line(FAQ_FIELD_MAX.category)).min(1).max(MAX_CATEGORY_DEPTH),
  question: line(FAQ_FIELD_MAX.question),
  /** Other ways users ask the same thing; matched like the question. */
  alternateQuestions: z.array(line(FAQ_FIELD_MAX.question)).default([]),
  /** Words that should point at this entry even when absent from its text. */
  keywords: z.array(line(FAQ_FIELD_MAX.keyword)).default([]),
  answer: line(FAQ_FIELD_MAX.answer),
  /**
   * false when the answer is known to be only part of the text (a help-center search snippet cut
   * mid-sentence): the card and the answer page say so and link to the help center's search for the question.
   */
  answerComplete: z.boolean().optional(),
  landingUrl: httpUrl.optional(),
  imageUrl: httpUrl.optional(),
  /** ISO 8601 date or date-time of the last content change. */
  updatedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /**
   * Entries an operator picked to show under this answer, first and in this order: each an entry id or an
   * exact question (import resolves questions to ids). A reference that names no entry is ignored when
   * serving and reported by import and `faq lint`.
   */
  related: z.array(line(FAQ_FIELD_MAX.question)).max(MAX_RELATED_REFS, `must list at most ${MAX_RELATED_REFS} entries`).optional(),
  /** Where the entry was imported from, for operators tracing a bad answer back to its source. */
  source: z.object({ file: z.string(), position: z.number().int().positive() }).optional(),
});

export type FaqEntry = z.output<typeof FaqEntrySchema>;
export type FaqEntryInput = z.input<typeof FaqEntrySchema>;

export const FaqFileSchema = z
  .object({
    schemaVersion: z.literal(1),
    entries: z.array(FaqEntrySchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.entries.forEach((entry, index) => {
      const first = seen.get(entry.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', index, 'id'],
          message: `duplicate id "${entry.id}" (first used by entries[${first}])`,
        });
      } else {
        seen.set(entry.id, index);
      }
    });
  });

export type FaqFile = z.output<typeof FaqFileSchema>;
