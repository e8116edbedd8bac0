import { reportClip, type ClipReporter } from './clip';
import { KakaoLimitError } from './errors';
import { jsonByteLength } from './json-size';
import { KAKAO_LIMITS } from './limits';
import type { SkillResponse } from './response-schema';
import { charLength, clipText } from './text';

/**
 * The 30 KB guard (contract §2.1 [CS]): above 30 × 1024 bytes of UTF-8 JSON, Kakao gives no answer at all.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/** Shrinking never cuts a text below this many code points; past that the reply is too big by design. */
const SHRINK_FLOOR = 20;

interface TextSlot {
  readonly holder: Record<string, unknown>;
  readonly key: string;
  readonly path: string;
  readonly originalLength: number;
}

function slot(holder: unknown, key: string, path: string, slots: TextSlot[]): void {
  if (typeof holder !== 'object' || holder === null) return;
  const value = (holder as Record<string, unknown>)[key];
  if (typeof value === 'string') slots.push({ holder: holder as Record<string, unknown>, key, path, originalLength: charLength(value) });
}

/** The long, data-derived texts of a card: its description and its list items' descriptions. */
function cardSlots(card: unknown, path: string, slots: TextSlot[]): void {
  slot(card, 'description', `${path}.description`, slots);
  const items = (card as { items?: unknown }).items;
  if (Array.isArray(items)) items.forEach((item, i) => slot(item, 'description', `${path}.items[${i}].description`, slots));
}

function textSlots(response: SkillResponse): TextSlot[] {
  const slots: TextSlot[] = [];
  response.template?.outputs.forEach((output, i) => {
    const base = `template.outputs[${i}]`;
    if ('simpleText' in output) slot(output.simpleText, 'text', `${base}.simpleText.text`, slots);
    else if ('carousel' in output) {
      output.carousel.items.forEach((card, j) => cardSlots(card, `${base}.carousel.items[${j}]`, slots));
      if ('header' in output.carousel) slot(output.carousel.header, 'description', `${base}.carousel.header.description`, slots);
    } else {
      for (const [kind, card] of Object.entries(output)) cardSlots(card, `${base}.${kind}`, slots);
    }
  });
  return slots;
}

function tooBig(bytes: number): KakaoLimitError {
  const limit = KAKAO_LIMITS.response.bytes;
  return new KakaoLimitError({ field: 'response', limit, actual: bytes }, `the reply is ${bytes} bytes of UTF-8 JSON; Kakao answers nothing above ${limit}`);
}

/** No number serialises to more characters than this (e.g. `-1.2345678901234567e-308`). */
const NUMBER_CHARS = 24;

/**
 * An upper bound on the UTF-8 bytes of `value` as JSON, without serialising it: a string's code unit takes at
 * most 6 bytes (`\u001f`, or 3 of UTF-8), a number at most {@link NUMBER_CHARS}. Anything unusual (a `toJSON`)
 * gets an infinite bound, so the caller measures exactly.
 */
function jsonByteBound(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 2 + 6 * value.length;
    case 'number':
      return NUMBER_CHARS;
    case 'boolean':
    case 'undefined':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + 1 + jsonByteBound(item), 2);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Infinity;
      let sum = 2;
      for (const key in value) sum += 4 + 6 * key.length + jsonByteBound((value as Record<string, unknown>)[key]);
      return sum;
    }
    default:
      return Infinity;
  }
}

/** A UTF-16 code unit takes at most 3 bytes of UTF-8, so a body this short in code units cannot be over 30 KB. */
const SURELY_FITS = Math.floor(KAKAO_LIMITS.response.bytes / 3);

/**
 * Throws a `KakaoLimitError` (field `response`) when a serialised reply `body` is over 30 KB: the check on the
 * string the edge sends (src/http/skill-pipeline/stamp-faq-set.ts), measured only when it could be over.
 */
export function assertBodySize(body: string): void {
  if (body.length <= SURELY_FITS) return;
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > KAKAO_LIMITS.response.bytes) throw tooBig(bytes);
}

/** Throws a `KakaoLimitError` (field `response`) when `response` is over 30 KB. Internal. */
export function assertResponseSize<T>(response: T): T {
  const bytes = jsonByteLength(response);
  if (bytes > KAKAO_LIMITS.response.bytes) throw tooBig(bytes);
  return response;
}

/**
 * Makes a reply fit in 30 KB by shrinking what came from data, in this order: drop quick replies from the
 * end; then clip the longest texts (simpleText text, card and list item descriptions, carousel header
 * description), never below 20 code points. Each change is reported as a clip event. When that is not
 * enough (URLs, `extra`, `data` or titles alone are too big) it throws `KakaoLimitError` (field `response`).
 * Returns `response` itself when it already fits, else a shrunk copy. Internal.
 */
export function fitResponseSize(response: SkillResponse, onClip: ClipReporter | undefined): SkillResponse {
  const max = KAKAO_LIMITS.response.bytes;
  // The edge serialises the reply once and checks it again there; most replies are far below the limit, and
  // this bound tells so without serialising.
  if (jsonByteBound(response) <= max) return response;
  let bytes = jsonByteLength(response);
  if (bytes <= max) return response;
  // Work on the wire form, so the caller's objects are never mutated.
  const copy = JSON.parse(JSON.stringify(response)) as SkillResponse;
  const replies = copy.template?.quickReplies;
  if (copy.template && replies) {
    const original = replies.length;
    while (bytes > max && replies.length > 0) {
      replies.pop();
      bytes = jsonByteLength(copy);
    }
    if (replies.length === 0) delete copy.template.quickReplies;
    if (replies.length < original) reportClip({ field: 'template.quickReplies', limit: replies.length, actual: original }, onClip);
  }
  const slots = textSlots(copy);
  while (bytes > max) {
    const length = (s: TextSlot) => charLength(s.holder[s.key] as string);
    const candidates = slots.filter((s) => length(s) > SHRINK_FLOOR);
    if (candidates.length === 0) throw tooBig(bytes);
    const longest = candidates.reduce((a, b) => (length(b) > length(a) ? b : a));
    // Each removed code point saves ≥ 1 byte and the "…" costs 3, so this removes at least the overflow.
    const target = Math.max(SHRINK_FLOOR, length(longest) - (bytes - max) - 2);
    longest.holder[longest.key] = clipText(longest.holder[longest.key] as string, target).text;
    reportClip({ field: longest.path, limit: target, actual: longest.originalLength }, onClip);
    bytes = jsonByteLength(copy);
  }
  return copy;
}
