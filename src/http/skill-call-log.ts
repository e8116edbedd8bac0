import { clipText, type SkillRequest, type SkillResponse } from '../kakao';
import { hashUserKey } from '../user-key';

/**
 * The one log line per skill call (`"msg":"skill call"`). Operators grep it, `npm run report` reads it back
 * (src/cli/report), and its fields are a contract: rename none without updating both.
 */

/**
 * Utterances are clipped in the log so one line stays well under a pipe's atomic write size: a longer one is
 * logged as its first whole characters and "…", at most this many code points in all.
 */
export const LOGGED_UTTERANCE_CHARS = 300;

export type SkillCallStatus = 'ok' | 'error' | 'deadline' | 'rate_limited';

export interface SkillCallRecord {
  skill: string;
  /** How the edge finished: the skill answered, threw, ran out of time, or the user was over the limit. */
  status: SkillCallStatus;
  /** `data.outcome` of the reply: answer, clarify, fallback, browse, error, timeout, rate_limited. */
  outcome: string;
  /** The answered entry (outcome answer). */
  faqId?: string;
  /** Confidence of the answered entry, or of the best candidate on clarify. */
  confidence?: number;
  botId?: string;
  faqSet: string;
  faqVersion: string;
  /** `button` when the call came from one of our buttons or quick replies (`clientExtra` set), else `text`. */
  input: 'text' | 'button';
  /** HMAC-SHA256 of the Kakao user key with USER_KEY_SALT (src/user-key.ts); absent without a user key. */
  userKeyHash?: string;
  /** The user's text, clipped; absent when LOG_UTTERANCES=false. */
  utterance?: string;
  /**
   * On a tap: what the user had typed before it (`extra.asked` of a which-one card or a rating chip), clipped;
   * absent when LOG_UTTERANCES=false. A pick under a clarify is then joined to its question exactly, even when
   * the user typed something else in between (`npm run faq -- suggest`).
   */
  asked?: string;
  /** Milliseconds from a valid payload to the reply. */
  ms: number;
  /** Present (true) when the reply was reused from the reply cache instead of built (src/http/reply-cache.ts). */
  cached?: true;
}

export interface SkillCallLogOptions {
  userKeySalt: string;
  logUtterances: boolean;
}

/** Builds the record for a finished call from the request, the reply's `data` and timing. */
export function skillCallRecord(
  call: {
    skill: string;
    status: SkillCallStatus;
    request: SkillRequest;
    /** `data` of the reply that is about to be sent. */
    data: SkillResponse['data'];
    faqSet: string;
    faqVersion: string;
    ms: number;
    cached?: boolean;
  },
  options: SkillCallLogOptions,
): SkillCallRecord {
  const data = (call.data ?? {}) as { outcome?: unknown; faqId?: unknown; confidence?: unknown; candidates?: unknown };
  const firstCandidate = Array.isArray(data.candidates) ? (data.candidates[0] as { confidence?: unknown } | undefined) : undefined;
  const confidence = typeof data.confidence === 'number' ? data.confidence : firstCandidate?.confidence;
  const record: SkillCallRecord = {
    skill: call.skill,
    status: call.status,
    outcome: typeof data.outcome === 'string' ? data.outcome : 'unknown',
    faqSet: call.faqSet,
    faqVersion: call.faqVersion,
    input: Object.keys(call.request.clientExtra).length > 0 ? 'button' : 'text',
    ms: Math.round(call.ms * 10) / 10,
  };
  if (typeof data.faqId === 'string') record.faqId = data.faqId;
  if (typeof confidence === 'number') record.confidence = Math.round(confidence * 1000) / 1000;
  if (call.request.botId !== undefined) record.botId = call.request.botId;
  const userKeyHash = hashUserKey(call.request.userId, options.userKeySalt);
  if (userKeyHash !== undefined) record.userKeyHash = userKeyHash;
  if (options.logUtterances) record.utterance = clipUtterance(call.request.utterance);
  const asked = call.request.clientExtra.asked;
  if (options.logUtterances && typeof asked === 'string' && asked.trim() !== '') record.asked = clipUtterance(asked);
  if (call.cached) record.cached = true;
  return record;
}

function clipUtterance(utterance: string): string {
  // every code point takes at least one UTF-16 unit, so a short string needs no counting
  if (utterance.length <= LOGGED_UTTERANCE_CHARS) return utterance;
  // cut between grapheme clusters: half an emoji or a lone surrogate would garble the line for every reader
  return clipText(utterance, LOGGED_UTTERANCE_CHARS).text;
}
