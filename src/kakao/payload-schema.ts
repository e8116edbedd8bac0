import { z } from 'zod';
import {
  looseBoolean,
  looseNumber,
  looseRecord,
  looseText,
  looseTextOrEmpty,
  looseUrl,
  objectFrom,
  objectList,
  objectOrEmpty,
  optionalObject,
} from './payload-fields';

/**
 * The SkillPayload Kakao's bot engine POSTs to a skill (contract §1), parsed LENIENTLY.
 *
 * Kakao publishes no required/optional column, and its payloads vary by age and surface: the skill-test panel
 * sends `clientExtra` as the string "null", channels send numeric ids, contexts arrive with numbers as text.
 * So only what we cannot answer without is strict: the body and `userRequest` must be objects and
 * `userRequest.utterance` a string. Every other field is coerced where its meaning is clear (numbers to text for
 * ids and keys, numeric text to numbers, "null" to absent, JSON-object text to objects) and otherwise read as
 * absent, `{}` or `[]` (see `payload-fields.ts`); it never fails the request. Objects are loose, so unknown
 * keys pass through untouched. Wire names stay verbatim here; renaming to our own camelCase happens once, in
 * `toSkillRequest`, which also keeps the body as sent.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/** `{ id, name }` of a block or bot. */
const BlockRefSchema = z.looseObject({ id: looseText, name: looseText });

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
  question: looseTextOrEmpty,
  answer: looseTextOrEmpty,
  landingUrl: looseUrl,
  imageUrl: looseUrl,
});

/** A 지식+ entry as parsed from the payload. */
export type Knowledge = z.output<typeof KnowledgeSchema>;

const KnowledgeMatchSchema = z.looseObject({
  responseType: looseText,
  matchedKnowledges: objectList(KnowledgeSchema),
});

const IntentSchema = z.looseObject({
  id: looseText,
  name: looseText,
  extra: optionalObject(
    z.looseObject({
      reason: optionalObject(z.looseObject({ code: looseNumber, message: looseText })),
      // The doc's heading says `extra.knowledges`, its example `extra.knowledge`; accept both.
      knowledge: optionalObject(KnowledgeMatchSchema),
      knowledges: optionalObject(KnowledgeMatchSchema),
    }),
  ),
});

const UserSchema = z.looseObject({
  id: looseText,
  // "botUserKey" today; "talk_user_id" and "accountId" in old payloads. Kept open.
  type: looseText,
  properties: objectOrEmpty(
    z.looseObject({
      plusfriendUserKey: looseText,
      appUserId: looseText,
      botUserKey: looseText,
      // Undocumented snake_case duplicates seen in old payloads, read as fallbacks.
      plusfriend_user_key: looseText,
      bot_user_key: looseText,
      // Sent only as `true`; absent when the channel is not added.
      isFriend: looseBoolean,
    }),
  ),
});

const UserRequestSchema = z.looseObject(
  {
    timezone: looseText,
    /** Engine metadata such as `surface` and `ignoreMe`; strings on the wire, kept as sent. */
    params: looseRecord,
    block: optionalObject(BlockRefSchema),
    utterance: z.string({ error: 'userRequest.utterance must be a string (the user text)' }),
    // "ko" in the current doc, "kr" in the callback guide and v1, null in some observed payloads.
    lang: looseText,
    user: objectOrEmpty(UserSchema),
    callbackUrl: looseUrl,
  },
  { error: 'userRequest must be an object holding the user text in userRequest.utterance' },
);

/** `action.detailParams[name]`: `origin` is the raw utterance text, `value` the resolved value. */
const DetailParamSchema = z.looseObject({
  origin: z.unknown().optional(),
  value: z.unknown().optional(),
  groupName: looseText,
});

/**
 * A detailParams entry: an object as sent; a bare value is both its origin and its value; null or "null" is
 * empty. JSON text is an entry only when it names an entry field: '{"amount": 1, "unit": null}' is how Kakao
 * writes a system entity's value, and reading it as the entry would lose that value.
 */
const detailParam = z.preprocess((v) => {
  if (v === null || v === undefined || v === 'null') return {};
  if (typeof v !== 'string') return objectFrom(v) ?? { origin: v, value: v };
  const entry = objectFrom(v);
  return entry !== undefined && ('origin' in entry || 'value' in entry || 'groupName' in entry) ? entry : { origin: v, value: v };
}, DetailParamSchema);

const ActionSchema = z.looseObject({
  id: looseText,
  name: looseText,
  /** Block parameters; strings on the wire (system entities as stringified JSON), kept as sent. */
  params: looseRecord,
  detailParams: z.preprocess((v) => objectFrom(v) ?? {}, z.record(z.string(), detailParam)),
  /** `extra` of the button / quick reply / list item that led here; `{}`, `null` or "null" when the user typed. */
  clientExtra: looseRecord,
});

const ContextSchema = z.looseObject({
  name: looseTextOrEmpty,
  // Incoming contexts were seen with lower-case `lifespan`; responses use `lifeSpan`. Accept both.
  lifespan: looseNumber,
  lifeSpan: looseNumber,
  ttl: looseNumber,
  /** `{ value, resolvedValue }` as observed, or a plain value; flattened in `toSkillRequest`. */
  params: looseRecord,
});

const FlowSchema = z.looseObject({
  trigger: optionalObject(
    z.looseObject({
      // TEXT_INPUT, CARD_BUTTON_MESSAGE, QUICKREPLY_BUTTON_BLOCK, …: an open enum, Kakao may add values.
      type: looseText,
      referrerBlock: optionalObject(BlockRefSchema),
    }),
  ),
  lastBlock: optionalObject(BlockRefSchema),
});

/**
 * The whole SkillPayload (contract §1). Rejects only a non-object body, a `userRequest` that is not an object
 * and a non-string `userRequest.utterance`; error paths name the field (for `z.prettifyError`). The skill route
 * checks bodies with its compiled form, `checkSkillPayload` (./payload-fast-path.ts): a change here is a change
 * there, and a kind of node that compiler does not know is simply left to zod.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const SkillPayloadSchema = z.looseObject({
  intent: optionalObject(IntentSchema),
  userRequest: UserRequestSchema,
  bot: optionalObject(BlockRefSchema),
  action: objectOrEmpty(ActionSchema),
  contexts: objectList(ContextSchema),
  flow: optionalObject(FlowSchema),
});

/** A validated SkillPayload, coerced and defaulted. Read it through `SkillRequest` wherever possible. */
export type SkillPayload = z.output<typeof SkillPayloadSchema>;

/** What Kakao sends, before parsing (useful to type test fixtures). */
export type SkillPayloadInput = z.input<typeof SkillPayloadSchema>;
