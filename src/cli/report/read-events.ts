/**
 * Reading what the server wrote: the `"msg":"skill call"` JSON log lines (src/http/skill-call-log.ts) and
 * the feedback log's lines (src/feedback/feedback.ts: `{at, rating: "up"|"down", source, faqId, faqVersion,
 * question, userKeyHash}`; the older `vote` field is read too). Lines that are not JSON records at all (npm's
 * `> kakao-faq-skill@0.1.0 start` banner, blank lines, other programs' text) are ignored; a line that starts
 * like a JSON record but does not parse, or lacks what the report needs, is counted as malformed.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

const time = z.union([z.number(), z.string().transform((s) => Date.parse(s))]).refine((t) => Number.isFinite(t));

/** The fields of a skill-call line the report uses (see SkillCallRecord). */
const SkillCallLineSchema = z.object({
  msg: z.literal('skill call'),
  time,
  skill: z.string().default('faq'),
  status: z.string().default('ok'),
  outcome: z.string().default('unknown'),
  faqId: z.string().optional(),
  confidence: z.number().optional(),
  botId: z.string().optional(),
  faqSet: z.string().optional(),
  faqVersion: z.string().optional(),
  input: z.enum(['text', 'button']).default('text'),
  userKeyHash: z.string().optional(),
  utterance: z.string().optional(),
  /** On a tap: what the user had typed before it (a clarify pick's question). */
  asked: z.string().optional(),
  ms: z.number().optional(),
});
export type SkillCall = z.output<typeof SkillCallLineSchema>;

const Rating = z.enum(['up', 'down']);
const FeedbackLineSchema = z
  .object({
    faqId: z.string(),
    // the server writes null for a 지식+ answer's version and for a rating from the answer page (no user)
    faqVersion: z.string().nullish(),
    userKeyHash: z.string().nullish(),
    rating: Rating.optional(),
    vote: Rating.optional(),
    at: time,
  })
  .refine((line) => line.rating !== undefined || line.vote !== undefined, { message: 'no rating' })
  .transform(({ rating, vote, ...rest }) => ({ ...rest, rating: (rating ?? vote)! }));
export type Feedback = z.output<typeof FeedbackLineSchema>;

export interface ReadResult<T> {
  items: T[];
  /** Lines that were not JSON or not of the expected shape (other log messages are not counted). */
  skipped: number;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

type Parsed<T> = { item: T } | 'skip' | 'ignore';

/** Only lines that start like a JSON object are records; the rest of a captured log is not ours to count. */
const isRecordLine = (line: string) => line.trimStart().startsWith('{');

function skillCallOf(line: string): Parsed<SkillCall> {
  if (!isRecordLine(line)) return 'ignore';
  const value = parseJson(line);
  if (typeof value !== 'object' || value === null) return 'skip';
  if ((value as { msg?: unknown }).msg !== 'skill call') return 'ignore';
  const call = toSkillCall(value);
  return call ? { item: call } : 'skip';
}

function feedbackOf(line: string): Parsed<Feedback> {
  if (!isRecordLine(line)) return 'ignore';
  const rating = toFeedback(parseJson(line));
  return rating ? { item: rating } : 'skip';
}

async function collect<T>(lines: Iterable<string> | AsyncIterable<string>, parse: (line: string) => Parsed<T>): Promise<ReadResult<T>> {
  const result: ReadResult<T> = { items: [], skipped: 0 };
  for await (const line of lines) {
    const parsed = parse(line);
    if (parsed === 'skip') result.skipped += 1;
    else if (parsed !== 'ignore') result.items.push(parsed.item);
  }
  return result;
}

/** One skill-call record (a log line's object, or a database row shaped like one), or undefined when it lacks what the report needs. */
export function toSkillCall(value: unknown): SkillCall | undefined {
  const parsed = SkillCallLineSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** One rating (a feedback line's object, or a database row shaped like one), or undefined. */
export function toFeedback(value: unknown): Feedback | undefined {
  const parsed = FeedbackLineSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Skill-call lines from log lines; other log messages are ignored, malformed lines counted as skipped. */
export function parseSkillCalls(lines: Iterable<string> | AsyncIterable<string>): Promise<ReadResult<SkillCall>> {
  return collect(lines, skillCallOf);
}

/** Feedback records from JSONL lines. */
export function parseFeedback(lines: Iterable<string> | AsyncIterable<string>): Promise<ReadResult<Feedback>> {
  return collect(lines, feedbackOf);
}

/**
 * Every rating in the feedback store the server writes (FEEDBACK_FILE, src/feedback/jsonl-feedback-store.ts).
 * With DATABASE_URL the ratings are in PostgreSQL instead (read-database.ts).
 */
export function readFeedbackStore(file: string): Promise<ReadResult<Feedback>> {
  return parseFeedback(linesOf(file));
}

/** The lines of a file (gunzipped when it ends in .gz, as rotated logs often are) or a stream, one at a time. */
export function linesOf(source: string | Readable): AsyncIterable<string> {
  let input: Readable = typeof source === 'string' ? createReadStream(source) : source;
  if (typeof source === 'string' && source.endsWith('.gz')) input = input.pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity });
}
