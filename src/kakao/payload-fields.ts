import { z } from 'zod';

/**
 * Lenient readers for the SkillPayload fields we do not strictly need (used by `payload-schema.ts`). Each one
 * coerces what Kakao and its tools are seen to send, and reads anything else as absent: none of them ever
 * fails a request. The body as sent stays reachable as `SkillRequest.raw` for a handler that wants a value
 * before coercion.
 */

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How deeply a JSON object written inside a string may nest before we stop reading it as an object. The body's
 * own depth limit cannot see inside strings, and later recursive steps (stringifying params, logging) must stay
 * far from the stack limit.
 */
export const MAX_EMBEDDED_JSON_DEPTH = 16;

/** The deepest `{`/`[` nesting in JSON text, ignoring brackets inside strings; stops counting past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length && deepest <= limit; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return deepest;
}

/**
 * An object as sent, or one written as JSON text (tools that stringify a button's `extra` send `clientExtra`
 * that way); anything else, including "null", "", broken JSON text and arrays, is `undefined`.
 */
export function objectFrom(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return undefined;
  if (nestingDepth(value, MAX_EMBEDDED_JSON_DEPTH) > MAX_EMBEDDED_JSON_DEPTH) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === 'null' ? undefined : value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * A text field we only read (ids, keys, names, timezone, lang): a string as sent, a number or boolean as its
 * text (numeric ids are seen); "null" (how some tools write a missing value), objects and arrays are absent.
 */
export const looseText = z.preprocess(textOf, z.string().optional());

/** {@link looseText} read as "" when absent. */
export const looseTextOrEmpty = z.preprocess(textOf, z.string().default(''));

/** A URL: only a non-empty string counts ("null" and "" are absent); a number is no address. */
export const looseUrl = z.preprocess((v) => (typeof v === 'string' && v !== '' && v !== 'null' ? v : undefined), z.string().optional());

/**
 * A number as sent, or written as decimal text ("5", "600"); anything else is absent. So is a number JSON.parse
 * reads as Infinity (1e400): it is valid JSON, and refusing it would refuse the whole call for a field we read.
 */
export const looseNumber = z.preprocess((v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}, z.number().optional());

/** `true`/`false`, also as text; anything else is absent. */
export const looseBoolean = z.preprocess(
  (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined),
  z.boolean().optional(),
);

/** An open map (params, clientExtra): {@link objectFrom}, else `{}`. Values are kept as sent. */
export const looseRecord = z.preprocess((v) => objectFrom(v) ?? {}, z.record(z.string(), z.unknown()));

/** An optional part of the payload (intent, bot, flow, …): an object, else absent. */
export function optionalObject<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (isRecord(v) ? v : undefined), schema.optional());
}

/** A part we always want to read (action, user, properties): an object, else `{}` so inner defaults apply. */
export function objectOrEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (isRecord(v) ? v : {}), schema);
}

/** A list of objects: a non-array is `[]`, and items that are not objects (`[null]`) are skipped. */
export function objectList<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v.filter(isRecord) : []), z.array(item));
}
