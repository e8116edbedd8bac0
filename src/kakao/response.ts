import type { ClipOptions } from './clip';
import { compact, reject, requireCount, requireInt, requireText } from './guards';
import { KAKAO_LIMITS } from './limits';
import type { ContextValue, Output, QuickReply, SkillResponse } from './response-schema';
import { assertResponseSize, fitResponseSize } from './response-size';

/**
 * Builders for the response envelope (contract §2.1, §2.5, §2.6): a full reply, a callback
 * acknowledgement, a data-only reply, and output-context changes.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/** What {@link skillResponse} assembles. */
export interface SkillResponseParts extends ClipOptions {
  /** 1–3 components from the card builders (else throws). */
  readonly outputs: readonly Output[];
  /** At most 10 chips (else throws); an empty list is omitted. */
  readonly quickReplies?: readonly QuickReply[];
  /** Output-context changes from {@link contextValue}; an empty list is omitted. */
  readonly context?: readonly ContextValue[];
  /** Values for `{{#webhook.<key>}}` in the block's own bubbles, and for our logs and QA. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * A complete SkillResponse (`version` "2.0"). Counts are shape rules and throw `KakaoLimitError`
 * (`template.outputs` 1–3, `template.quickReplies` ≤ 10). The whole JSON is kept within 30 KB: when over,
 * quick replies are dropped from the end, then the longest descriptions / simpleText texts are clipped
 * (each reported through `onClip`); if that cannot make it fit, it throws `KakaoLimitError` (field
 * `response`).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function skillResponse(parts: SkillResponseParts): SkillResponse {
  const outputs = Array.isArray(parts.outputs) ? parts.outputs : [];
  const quickReplies = parts.quickReplies ?? [];
  requireCount(outputs.length, KAKAO_LIMITS.template.outputsMin, KAKAO_LIMITS.template.outputs, 'template.outputs');
  requireCount(quickReplies.length, 0, KAKAO_LIMITS.template.quickReplies, 'template.quickReplies');
  const response: SkillResponse = compact({
    version: '2.0' as const,
    template: compact({ outputs: [...outputs], quickReplies: quickReplies.length > 0 ? [...quickReplies] : undefined }),
    context: parts.context !== undefined && parts.context.length > 0 ? { values: [...parts.context] } : undefined,
    data: parts.data === undefined ? undefined : { ...parts.data },
  });
  return fitResponseSize(response, parts.onClip);
}

/**
 * Shorthand for `skillResponse({ outputs, quickReplies })`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function reply(outputs: readonly Output[], quickReplies?: readonly QuickReply[], options?: ClipOptions): SkillResponse {
  return skillResponse({ outputs, quickReplies, onClip: options?.onClip });
}

/**
 * The callback acknowledgement `{ version: "2.0", useCallback: true, data? }`, sent within 5 s on a
 * callback-enabled block; the final reply is then POSTed once to `callbackUrl` within 1 minute. `data.text`
 * fills `{{#webhook.text}}` in the block's waiting message. Throws `KakaoLimitError` over 30 KB.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/ai_chatbot_callback_guide
 */
export function callbackAck(data?: Readonly<Record<string, unknown>>): SkillResponse {
  return assertResponseSize(compact({ version: '2.0' as const, useCallback: true, data: data === undefined ? undefined : { ...data } }));
}

/**
 * A data-only reply `{ version: "2.0", data }`: the block's own bubbles render, with `{{#webhook.<key>}}`
 * filled from `data`. Throws `KakaoLimitError` over 30 KB.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function dataOnly(data: Readonly<Record<string, unknown>>): SkillResponse {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) reject('data', 'object', 'must be an object');
  return assertResponseSize({ version: '2.0', data: { ...data } });
}

/**
 * One output-context change: `lifeSpan` is the remaining turn count (integer ≥ 0; 0 deletes the context),
 * `ttl` seconds (integer ≥ 0, optional). `params` values must reach Kakao as strings, so other values are
 * JSON-stringified (and `undefined` dropped). Throws `KakaoLimitError` on a blank name or a bad number.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function contextValue(
  name: string,
  lifeSpan: number,
  params?: Readonly<Record<string, unknown>>,
  ttl?: number,
): ContextValue {
  requireText(name, 'context.name');
  requireInt(lifeSpan, 'context.lifeSpan', KAKAO_LIMITS.context.lifeSpanMin);
  if (ttl !== undefined) requireInt(ttl, 'context.ttl', KAKAO_LIMITS.context.ttlMin);
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) strings[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return compact({ name, lifeSpan, ttl, params: params === undefined ? undefined : strings });
}
