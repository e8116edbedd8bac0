import { z } from 'zod';

/**
 * The SkillPayload Kakao's bot engine POSTs to a skill (contract §1), parsed LENIENTLY.
 *
 * Kakao publishes no required/optional column and its payloads vary by age and surface, so: only
 * `userRequest.utterance` (a string) is required; everything else is optional and defaulted; `null` is read
 * as "absent"; objects are loose, so unknown keys pass through untouched. Wire names stay verbatim here;
 * renaming to our own camelCase happens once, in `toSkillRequest`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

// Kakao has been seen sending `null` where a field is simply absent ([3P] lang, clientExtra).
const absentIfNull = (value: unknown): unknown => (value === null ? undefined : value);

/** An optional field that may also arrive as `null`; both become `undefined`. */
function nullish<T extends z.ZodType>(schema: T) {
  return z.preprocess(absentIfNull, schema.optional());
}

/** An optional object: absent or null is parsed as `{}`, so the inner defaults still apply. */
function objectOrEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => value ?? {}, schema);
}

const optionalString = nullish(z.string());
const jsonRecord = objectOrEmpty(z.record(z.string(), z.unknown()));

/** `{ id, name }` of a block or bot. */
const BlockRefSchema = z.looseObject({ id: optionalString, name: optionalString });

/**
 * A 지식+ / 지식베이스 entry delivered with a knowledge match (contract §4): `categories` up to 4 levels
 * (non-strings and blanks dropped), `question`, `answer`, and optional `landingUrl` / `imageUrl`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const KnowledgeSchema = z.looseObject({
  categories: z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string' && c.trim() !== '') : []),
    z.array(z.string()),
  ),
  question: z.preprocess(absentIfNull, z.string().default('')),
  answer: z.preprocess(absentIfNull, z.string().default('')),
  landingUrl: optionalString,
  imageUrl: optionalString,
});

/** A 지식+ entry as parsed from the payload. */
export type Knowledge = z.output<typeof KnowledgeSchema>;

const KnowledgeMatchSchema = z.looseObject({
  responseType: optionalString,
  matchedKnowledges: z.preprocess((v) => v ?? [], z.array(KnowledgeSchema)),
});

const IntentSchema = z.looseObject({
  id: optionalString,
  name: optionalString,
  extra: nullish(
    z.looseObject({
      reason: nullish(z.looseObject({ code: nullish(z.number()), message: optionalString })),
      // The doc's heading says `extra.knowledges`, its example `extra.knowledge`; accept both.
      knowledge: nullish(KnowledgeMatchSchema),
      knowledges: nullish(KnowledgeMatchSchema),
    }),
  ),
});

const UserSchema = z.looseObject({
  id: optionalString,
  // "botUserKey" today; "talk_user_id" and "accountId" in old payloads. Kept open.
  type: optionalString,
  properties: objectOrEmpty(
    z.looseObject({
      plusfriendUserKey: optionalString,
      appUserId: optionalString,
      botUserKey: optionalString,
      // Sent only as `true`; absent when the channel is not added. A non-boolean must not fail the request.
      isFriend: z.boolean().optional().catch(undefined),
    }),
  ),
});

const UserRequestSchema = z.looseObject({
  timezone: optionalString,
  /** Engine metadata such as `surface` and `ignoreMe`; strings on the wire, kept as sent. */
  params: jsonRecord,
  block: nullish(BlockRefSchema),
  utterance: z.string({ error: 'userRequest.utterance must be a string (the user text)' }),
  // "ko" in the current doc, "kr" in the callback guide and v1, null in some observed payloads.
  lang: optionalString,
  user: objectOrEmpty(UserSchema),
  callbackUrl: optionalString,
});

/** `action.detailParams[name]`: `origin` is the raw utterance text, `value` the resolved value. */
const DetailParamSchema = z.looseObject({
  origin: z.unknown().optional(),
  value: z.unknown().optional(),
  groupName: optionalString,
});

const ActionSchema = z.looseObject({
  id: optionalString,
  name: optionalString,
  /** Block parameters; strings on the wire (system entities as stringified JSON), kept as sent. */
  params: jsonRecord,
  detailParams: objectOrEmpty(z.record(z.string(), z.preprocess((v) => v ?? {}, DetailParamSchema))),
  /** `extra` of the button / quick reply / list item that led here; `{}` or `null` when the user typed. */
  clientExtra: jsonRecord,
});

/** A context param: `{ value, resolvedValue }` as observed, or a plain value. */
const ContextParamSchema = z.union([
  z.looseObject({ value: z.unknown().optional(), resolvedValue: z.unknown().optional() }),
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
]);

const ContextSchema = z.looseObject({
  name: z.preprocess(absentIfNull, z.string().default('')),
  // Incoming contexts were seen with lower-case `lifespan`; responses use `lifeSpan`. Accept both.
  lifespan: nullish(z.number()),
  lifeSpan: nullish(z.number()),
  ttl: nullish(z.number()),
  params: objectOrEmpty(z.record(z.string(), ContextParamSchema)),
});

const FlowSchema = z.looseObject({
  trigger: nullish(
    z.looseObject({
      // TEXT_INPUT, CARD_BUTTON_MESSAGE, QUICKREPLY_BUTTON_BLOCK, …: an open enum, Kakao may add values.
      type: optionalString,
      referrerBlock: nullish(BlockRefSchema),
    }),
  ),
  lastBlock: nullish(BlockRefSchema),
});

/**
 * The whole SkillPayload (contract §1). Rejects only a non-object body, a missing `userRequest` object and a
 * non-string `userRequest.utterance`; error paths name the field (for `z.prettifyError`).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const SkillPayloadSchema = z.looseObject({
  intent: nullish(IntentSchema),
  userRequest: UserRequestSchema,
  bot: nullish(BlockRefSchema),
  action: objectOrEmpty(ActionSchema),
  contexts: z.preprocess((v) => v ?? [], z.array(ContextSchema)),
  flow: nullish(FlowSchema),
});

/** A validated SkillPayload, defaults applied. Read it through `SkillRequest` wherever possible. */
export type SkillPayload = z.output<typeof SkillPayloadSchema>;

/** What Kakao sends, before parsing (useful to type test fixtures). */
export type SkillPayloadInput = z.input<typeof SkillPayloadSchema>;
