import type { Knowledge, SkillPayload } from './payload-schema';

/**
 * An input context as a skill sees it: `lifeSpan` (remaining turns, from Kakao's `lifespan` or `lifeSpan`),
 * `ttl` (seconds, by inference) and `params` flattened to strings.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export interface SkillContextValue {
  readonly name: string;
  readonly lifeSpan?: number;
  readonly ttl?: number;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * `action.detailParams[name]` with every part as a string: `origin` is the raw text from the utterance,
 * `value` the resolved value (stringified JSON for system entities such as `sys_date`), `groupName` often "".
 */
export interface SkillDetailParam {
  readonly origin: string;
  readonly value: string;
  readonly groupName: string;
}

/**
 * Our camelCase view of a validated SkillPayload, mapped once by {@link toSkillRequest}. Skills read this,
 * never the raw body. Optional ids are `undefined` when Kakao did not send them.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export interface SkillRequest {
  /** `userRequest.utterance`, exactly as sent (not trimmed or normalised). */
  readonly utterance: string;
  /** `user.id` (botUserKey, ≤ 70 characters), else `plusfriendUserKey`, else `botUserKey`, else "". */
  readonly userId: string;
  /** `user.type`: "botUserKey" today; "talk_user_id" / "accountId" in old payloads. */
  readonly userType?: string;
  readonly botId?: string;
  readonly botName?: string;
  /** The block that reacted: `userRequest.block`, else `intent`. */
  readonly blockId?: string;
  readonly blockName?: string;
  /** `intent.name`: the block name, or "지식+" on a knowledge match. */
  readonly intentName?: string;
  /** `userRequest.lang`: "ko" or "kr" (both seen); undefined when null or absent. */
  readonly lang?: string;
  /** `action.params` as strings; non-string values are JSON-stringified and nulls dropped. */
  readonly params: Readonly<Record<string, string>>;
  readonly detailParams: Readonly<Record<string, SkillDetailParam>>;
  /** `action.clientExtra`: the `extra` of the button / quick reply / list item that led here; {} if typed. */
  readonly clientExtra: Readonly<Record<string, unknown>>;
  readonly contexts: readonly SkillContextValue[];
  /** 지식+ matches from `intent.extra.knowledge`, else `intent.extra.knowledges`; [] when none. */
  readonly matchedKnowledges: readonly Knowledge[];
  /** One-time callback URL (valid 1 minute) on callback-enabled blocks. */
  readonly callbackUrl?: string;
  /** `flow.trigger.type`, e.g. "TEXT_INPUT" or "QUICKREPLY_BUTTON_MESSAGE" (an open set). */
  readonly triggerType?: string;
  /** True in the admin console's bot test chat (`userRequest.params.surface === "BuilderBotTest"`). */
  readonly isTestChat: boolean;
  /** The whole validated payload (coerced and defaulted), for the rare field not mapped above. */
  readonly payload: SkillPayload;
  /**
   * The body exactly as Kakao sent it, before any coercion: where `payload` reads a numeric id as text or the
   * string "null" as absent, the original value is still here.
   */
  readonly raw: unknown;
}

/** Strings stay as they are; other JSON is stringified, as Kakao itself does for system entities. */
function asString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function stringRecord(record: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && value !== undefined) out[key] = asString(value);
  }
  return out;
}

function firstNonEmpty(...candidates: readonly (string | undefined)[]): string | undefined {
  return candidates.find((c): c is string => typeof c === 'string' && c !== '');
}

function contextParam(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return asString(value);
  // Observed shape: { value, resolvedValue }. Prefer what the user said; fall back to the resolved form.
  const { value: raw, resolvedValue } = value as { value?: unknown; resolvedValue?: unknown };
  const picked = raw ?? resolvedValue;
  return picked === null || picked === undefined ? undefined : asString(picked);
}

function toContext(context: SkillPayload['contexts'][number]): SkillContextValue {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(context.params)) {
    const text = contextParam(value);
    if (text !== undefined) params[key] = text;
  }
  const lifeSpan = context.lifeSpan ?? context.lifespan;
  return {
    name: context.name,
    ...(lifeSpan === undefined ? {} : { lifeSpan }),
    ...(context.ttl === undefined ? {} : { ttl: context.ttl }),
    params,
  };
}

function toDetailParams(detail: SkillPayload['action']['detailParams']): Record<string, SkillDetailParam> {
  const out: Record<string, SkillDetailParam> = {};
  for (const [key, { origin, value, groupName }] of Object.entries(detail)) {
    out[key] = {
      origin: origin === undefined || origin === null ? '' : asString(origin),
      value: value === undefined || value === null ? '' : asString(value),
      groupName: groupName ?? '',
    };
  }
  return out;
}

function matchedKnowledges(payload: SkillPayload): Knowledge[] {
  const extra = payload.intent?.extra;
  const primary = extra?.knowledge?.matchedKnowledges ?? [];
  return primary.length > 0 ? primary : (extra?.knowledges?.matchedKnowledges ?? []);
}

/**
 * Maps a payload validated by `SkillPayloadSchema` to a {@link SkillRequest}. This is the one place where
 * Kakao's wire names become ours; it never throws on a parsed payload. `body` is what was parsed, kept as
 * `raw`; callers without one (tests building a payload directly) get the payload itself there.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function toSkillRequest(payload: SkillPayload, body: unknown = payload): SkillRequest {
  const { userRequest, action, intent, bot, flow } = payload;
  const { user } = userRequest;
  const { properties } = user;
  return {
    utterance: userRequest.utterance,
    userId:
      firstNonEmpty(
        user.id,
        properties.plusfriendUserKey,
        properties.botUserKey,
        // Undocumented snake_case duplicates seen in old payloads.
        properties.plusfriend_user_key,
        properties.bot_user_key,
      ) ?? '',
    userType: user.type,
    botId: bot?.id,
    botName: bot?.name,
    blockId: userRequest.block?.id ?? intent?.id,
    blockName: userRequest.block?.name ?? intent?.name,
    intentName: intent?.name,
    lang: userRequest.lang,
    params: stringRecord(action.params),
    detailParams: toDetailParams(action.detailParams),
    clientExtra: action.clientExtra,
    contexts: payload.contexts.map(toContext),
    matchedKnowledges: matchedKnowledges(payload),
    callbackUrl: userRequest.callbackUrl,
    triggerType: flow?.trigger?.type,
    isTestChat: userRequest.params['surface'] === 'BuilderBotTest',
    payload,
    raw: body,
  };
}
