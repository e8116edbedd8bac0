import { z } from 'zod';
import {
  BasicCardSchema,
  CarouselSchema,
  CommerceCardSchema,
  ItemCardSchema,
  ListCardSchema,
  SimpleImageSchema,
  SimpleTextSchema,
  TextCardSchema,
} from './card-schemas';
import type { BasicCard, Carousel, CommerceCard, ItemCard, ListCard, SimpleImage, SimpleText, TextCard } from './card-schemas';
import { QuickReplySchema } from './common-schemas';
import { KAKAO_LIMITS } from './limits';
import { jsonByteLength } from './json-size';
import { text } from './schema-rules';

export type * from './card-schemas';
export type * from './common-schemas';
export type { ButtonLayout } from './schema-rules';

/**
 * The SkillResponse our server sends (contract §2), STRICT: unknown keys, wrong types and broken limits
 * are rejected with a readable path (for `z.prettifyError`). Lengths are code points. Every builder's
 * output passes it; the HTTP edge also re-checks each reply with it.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/**
 * One output component: an object with exactly one key naming its type, e.g. `{ simpleText: { text } }`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export type Output =
  | { simpleText: SimpleText }
  | { simpleImage: SimpleImage }
  | { textCard: TextCard }
  | { basicCard: BasicCard }
  | { commerceCard: CommerceCard }
  | { listCard: ListCard }
  | { itemCard: ItemCard }
  | { carousel: Carousel };

const COMPONENTS = {
  simpleText: SimpleTextSchema.optional(),
  simpleImage: SimpleImageSchema.optional(),
  textCard: TextCardSchema.optional(),
  basicCard: BasicCardSchema.optional(),
  commerceCard: CommerceCardSchema.optional(),
  listCard: ListCardSchema.optional(),
  itemCard: ItemCardSchema.optional(),
  carousel: CarouselSchema.optional(),
};

// Not a z.union: when every option fails, a union reports only "invalid input" at the output, hiding which
// field of the card is wrong. One strict object with optional keys plus an exactly-one rule always reports
// the inner path (`template.outputs[0].textCard.buttons[0].messageText`), and parses to the same values.
const OutputObjectSchema = z.strictObject(COMPONENTS).superRefine((output, ctx) => {
  const present = Object.keys(output).filter((key) => output[key as keyof typeof output] !== undefined);
  if (present.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: `must have exactly one of ${Object.keys(COMPONENTS).join(', ')}; got ${present.length === 0 ? 'none' : present.join(' and ')}`,
    });
  }
});

/**
 * Schema of one {@link Output}. Typed as the union it enforces (the exactly-one rule makes the parsed object
 * one of the union's members).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const OutputSchema = OutputObjectSchema as unknown as z.ZodType<Output, z.input<typeof OutputObjectSchema>>;

/**
 * SkillTemplate: `outputs` 1–3 components, `quickReplies` at most 10.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const SkillTemplateSchema = z.strictObject({
  outputs: z.array(OutputSchema).min(KAKAO_LIMITS.template.outputsMin).max(KAKAO_LIMITS.template.outputs),
  quickReplies: z.array(QuickReplySchema).max(KAKAO_LIMITS.template.quickReplies).optional(),
});

/**
 * One output-context change: `lifeSpan` (integer turns ≥ 0; 0 deletes the context), optional `ttl`
 * (integer seconds ≥ 0) and `params` (strings only; stringify other values).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ContextValueSchema = z.strictObject({
  name: text(),
  lifeSpan: z.int().min(KAKAO_LIMITS.context.lifeSpanMin),
  ttl: z.int().min(KAKAO_LIMITS.context.ttlMin).optional(),
  params: z.record(z.string(), z.string()).optional(),
});

/**
 * ContextControl: `{ values: ContextValue[] }`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ContextControlSchema = z.strictObject({ values: z.array(ContextValueSchema) });

/**
 * The whole SkillResponse. `version` must be "2.0". `template` is needed unless the reply is a callback
 * acknowledgement (`useCallback: true`, where a template is ignored and so rejected here) or carries only
 * `data` and/or `context` (contract §2.5, §2.6). The whole JSON must be at most 30 KB of UTF-8.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/ai_chatbot_callback_guide
 */
export const SkillResponseSchema = z
  .strictObject({
    version: z.literal('2.0', { error: 'must be "2.0" (without it Kakao reads the reply as v1)' }),
    template: SkillTemplateSchema.optional(),
    context: ContextControlSchema.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    useCallback: z.boolean().optional(),
  })
  .superRefine((response, ctx) => {
    if (response.useCallback === true && response.template !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'omit template when useCallback is true (Kakao ignores it)' });
    }
    if (response.useCallback !== true && response.template === undefined && response.data === undefined && response.context === undefined) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'a reply needs a template, data, context or useCallback: true' });
    }
    const bytes = jsonByteLength(response);
    if (bytes > KAKAO_LIMITS.response.bytes) {
      ctx.addIssue({
        code: 'custom',
        message: `the reply is ${bytes} bytes of UTF-8 JSON; Kakao answers nothing above ${KAKAO_LIMITS.response.bytes}`,
      });
    }
  });

/** Another name for {@link Output}, as Kakao's doc calls it. */
export type Component = Output;
/** `template`: outputs and quick replies. */
export type SkillTemplate = z.output<typeof SkillTemplateSchema>;
/** One entry of `context.values`. */
export type ContextValue = z.output<typeof ContextValueSchema>;
/** `context`: output-context changes. */
export type ContextControl = z.output<typeof ContextControlSchema>;
/** A complete SkillResponse, ready for `res.json()`. */
export type SkillResponse = z.output<typeof SkillResponseSchema>;
