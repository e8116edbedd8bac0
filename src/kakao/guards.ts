import { KakaoLimitError } from './errors';
import { isHttpUrl } from './url';
import { charLength } from './text';

/**
 * Shape checks for the builders: each throws a {@link KakaoLimitError} naming the field, because a wrong
 * shape is a bug in our code, not something to clip. Internal to `src/kakao`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/** How an offending value is shown in an error: strings cut to 80 characters. */
function preview(value: unknown): string {
  const shown = typeof value === 'string' ? value : String(value);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}

/** Throws unless `value` is a string with something besides whitespace; returns it unchanged. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new KakaoLimitError({ field, limit: 1, actual: 0 }, `${field} must be a non-empty string`);
  }
  return value;
}

/** Throws when a developer-written text is longer than `max` code points (content is clipped instead). */
export function requireMaxLength(value: string, max: number, field: string): string {
  const length = charLength(value);
  if (length > max) {
    throw new KakaoLimitError({ field, limit: max, actual: length }, `${field} must be at most ${max} characters (code points), got ${length}`);
  }
  return value;
}

/** Throws unless `min ≤ count ≤ max`. */
export function requireCount(count: number, min: number, max: number, field: string): void {
  if (count < min) {
    throw new KakaoLimitError({ field, limit: min, actual: count }, `${field} needs at least ${min} item(s), got ${count}`);
  }
  if (count > max) {
    throw new KakaoLimitError({ field, limit: max, actual: count }, `${field} allows at most ${max} item(s), got ${count}`);
  }
}

/** Throws unless `value` is an absolute http(s) URL (Kakao rejects other schemes). */
export function requireHttpUrl(value: unknown, field: string): string {
  if (!isHttpUrl(value)) {
    throw new KakaoLimitError({ field, limit: 'http(s) URL', actual: preview(value) }, `${field} must be an absolute http(s) URL, got "${preview(value)}"`);
  }
  return value;
}

/** Throws unless `value` is an integer in `[min, max]`. */
export function requireInt(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const rule = max === Number.MAX_SAFE_INTEGER ? `integer ≥ ${min}` : `integer ${min}–${max}`;
    throw new KakaoLimitError({ field, limit: rule, actual: preview(value) }, `${field} must be an ${rule}, got ${preview(value)}`);
  }
  return value;
}

/** Throws when a rule about combining fields is broken (`limit` states the rule). */
export function reject(field: string, rule: string, message: string): never {
  throw new KakaoLimitError({ field, limit: rule, actual: 'broken' }, `${field}: ${message}`);
}

/** A copy of `value` without `undefined` properties, so built JSON carries no empty keys. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `value` when it has something besides whitespace, else `undefined` (a blank optional text is omitted). */
export function presentText(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
