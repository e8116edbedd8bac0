import { SkillResponseSchema } from '../../kakao';
import type { RawResponse } from './target';

/**
 * What every reply of `POST /skill/*` must look like, whatever was sent: never 5xx; a 200 is a valid
 * SkillResponse; anything else is a JSON error whose code and message name the problem.
 */

/** Every error code the edge may answer a client with. A new one must be added here on purpose. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'invalid_json',
  'invalid_payload',
  'too_deeply_nested',
  'body_too_large',
  'unsupported_media_type',
  'unsupported_encoding',
  'undecodable_body',
  'incomplete_body',
  'bad_request',
  'missing_secret',
  'wrong_secret',
  'unknown_skill',
  'not_found',
  'invalid_path',
]);

export interface ErrorReply {
  status: number;
  code: string;
  message: string;
  path?: string;
  [key: string]: unknown;
}

export type Verdict = { kind: 'reply'; body: { data?: Record<string, unknown> } & Record<string, unknown> } | { kind: 'error'; error: ErrorReply };

/** Checks the edge's promises on one response; throws an Error describing the first broken one. */
export function checkReply(res: RawResponse): Verdict {
  if (res.status >= 500) throw new Error(`HTTP ${res.status} (5xx): ${res.text.slice(0, 300)}`);
  if (!/^application\/json/.test(String(res.headers['content-type']))) {
    throw new Error(`HTTP ${res.status} with content-type ${res.headers['content-type']}: ${res.text.slice(0, 200)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    throw new Error(`HTTP ${res.status} body is not JSON: ${res.text.slice(0, 200)}`);
  }
  if (res.status === 200) {
    const parsed = SkillResponseSchema.safeParse(json);
    if (!parsed.success) throw new Error(`200 is not a valid SkillResponse: ${JSON.stringify(parsed.error.issues).slice(0, 500)}`);
    return { kind: 'reply', body: json as { data?: Record<string, unknown> } };
  }
  const error = (json as { error?: Partial<ErrorReply> } | null)?.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message.trim().length < 8) {
    throw new Error(`HTTP ${res.status} does not name the problem: ${res.text.slice(0, 300)}`);
  }
  if (error.status !== res.status) throw new Error(`error.status ${error.status} differs from HTTP ${res.status}`);
  if (!CLIENT_ERROR_CODES.has(error.code)) throw new Error(`unknown error code ${error.code}: ${error.message}`);
  return { kind: 'error', error: error as ErrorReply };
}

/** Path segments of an error's `path` ("a.b.0.…" → ["a", "b", "0"]); the "…" of a shortened path is dropped. */
export function errorPathSegments(path: string | undefined): string[] {
  if (!path) return [];
  return path.split('.').filter((segment) => segment !== '' && segment !== '…');
}

/** True when one path is a prefix of the other: the error points at, inside or above what was changed. */
export function pathsRelated(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
