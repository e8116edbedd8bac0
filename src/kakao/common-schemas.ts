import { z } from 'zod';
import { KAKAO_LIMITS } from './limits';
import { extraMap, httpUrl, pixels, text } from './schema-rules';

/**
 * The response's shared objects (contract §2.3–2.4): Link, Thumbnail, Profile, Button, QuickReply and
 * ListItem. Strict: an unknown key is a typo we want to see, not something Kakao will silently ignore.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/**
 * Link: `web` wins over `pc` on PC and over `mobile` on mobile. At least one URL, all http(s).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const LinkSchema = z
  .strictObject({ pc: httpUrl.optional(), mobile: httpUrl.optional(), web: httpUrl.optional() })
  .refine((link) => link.pc !== undefined || link.mobile !== undefined || link.web !== undefined, {
    message: 'needs at least one of web, pc, mobile',
  });

/**
 * Thumbnail: `imageUrl` (http(s)), `altText` ≤ 50 code points, `link`, and `fixedRatio` (true: 1:1 box,
 * buttons side by side, needs `width` and `height`; false: 2:1 crop).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ThumbnailSchema = z
  .strictObject({
    imageUrl: httpUrl,
    altText: text(KAKAO_LIMITS.thumbnail.altText).optional(),
    link: LinkSchema.optional(),
    fixedRatio: z.boolean().optional(),
    width: pixels.optional(),
    height: pixels.optional(),
  })
  .superRefine((thumbnail, ctx) => {
    if (thumbnail.fixedRatio === true && (thumbnail.width === undefined || thumbnail.height === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['fixedRatio'], message: 'fixedRatio: true needs width and height' });
    }
  });

/**
 * Profile on basicCard / commerceCard: `nickname` (required) and `imageUrl` (180×180 px recommended).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ProfileSchema = z.strictObject({ nickname: text(), imageUrl: httpUrl.optional() });

const buttonBase = { label: text(KAKAO_LIMITS.button.label), extra: extraMap.optional() };

/**
 * Button: `label` ≤ 14 code points (≤ 8 side by side, checked on the card) and one of six actions with its
 * required field: webLink → `webLinkUrl` (http(s)), message → `messageText`, phone → `phoneNumber`,
 * block → `blockId` (and optional `messageText`); share and operator need nothing more.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ButtonSchema = z.discriminatedUnion('action', [
  z.strictObject({ ...buttonBase, action: z.literal('webLink'), webLinkUrl: httpUrl }),
  z.strictObject({ ...buttonBase, action: z.literal('message'), messageText: text() }),
  z.strictObject({ ...buttonBase, action: z.literal('phone'), phoneNumber: text() }),
  z.strictObject({ ...buttonBase, action: z.literal('block'), blockId: text(), messageText: text().optional() }),
  z.strictObject({ ...buttonBase, action: z.literal('share') }),
  z.strictObject({ ...buttonBase, action: z.literal('operator') }),
]);

const quickReplyBase = { label: text(KAKAO_LIMITS.quickReply.label), extra: extraMap.optional() };

/**
 * QuickReply chip: message → `messageText`; block → `blockId` (and optional `messageText`, shown as the
 * user's utterance). `label` ≤ 14 code points is a house limit (Kakao states none).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const QuickReplySchema = z.discriminatedUnion('action', [
  z.strictObject({ ...quickReplyBase, action: z.literal('message'), messageText: text() }),
  z.strictObject({ ...quickReplyBase, action: z.literal('block'), blockId: text(), messageText: text().optional() }),
]);

/**
 * ListItem of a listCard: `title` (required) and `description` ≤ 50 code points each (house limits),
 * `imageUrl`, `link`, and an optional action: "block" needs `blockId`, "message" needs `messageText`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ListItemSchema = z
  .strictObject({
    title: text(KAKAO_LIMITS.listCard.itemTitle),
    description: text(KAKAO_LIMITS.listCard.itemDescription).optional(),
    imageUrl: httpUrl.optional(),
    link: LinkSchema.optional(),
    action: z.enum(['block', 'message']).optional(),
    blockId: text().optional(),
    messageText: text().optional(),
    extra: extraMap.optional(),
  })
  .superRefine((item, ctx) => {
    if (item.action === 'block' && item.blockId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['blockId'], message: 'action "block" needs a blockId' });
    }
    if (item.action === 'message' && item.messageText === undefined) {
      ctx.addIssue({ code: 'custom', path: ['messageText'], message: 'action "message" needs a messageText' });
    }
  });

/** A Link object. */
export type Link = z.output<typeof LinkSchema>;
/** A Thumbnail object. */
export type Thumbnail = z.output<typeof ThumbnailSchema>;
/** A Profile object (basicCard / commerceCard). */
export type Profile = z.output<typeof ProfileSchema>;
/** Any card button. */
export type Button = z.output<typeof ButtonSchema>;
/** A card button with the given action, e.g. `ButtonOf<'webLink'>`. */
export type ButtonOf<A extends Button['action']> = Extract<Button, { action: A }>;
/** A quick reply chip. */
export type QuickReply = z.output<typeof QuickReplySchema>;
/** A listCard item (also its header). */
export type ListItem = z.output<typeof ListItemSchema>;
