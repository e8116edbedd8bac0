/**
 * The response builders in one place: small functions returning plain JSON objects typed by the response
 * schema (no classes, no `toJSON`). Two kinds of overflow, on purpose:
 *
 * - **Shape mistakes throw `KakaoLimitError`** `{ field, limit, actual }`: 0 or 4 outputs, 11 quick replies,
 *   4 buttons (3 side by side), 6 list items, 11 carousel cards, an empty required text, a non-http(s) URL,
 *   a too-long button label written in code.
 * - **Content from data is clipped** with "…" on a code-point / grapheme boundary and reported as a
 *   `ClipEvent` to the call's `onClip` option (ignored when the call gives none).
 *
 * `skillResponse` also keeps the reply within 30 KB (see its doc). Everything returned passes
 * `SkillResponseSchema`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export { button, quickReply, type ButtonOptions, type Extra } from './buttons';
export {
  basicCard,
  commerceCard,
  simpleImage,
  simpleText,
  textCard,
  type BasicCardFields,
  type ButtonFields,
  type CardOptions,
  type CommerceCardFields,
  type TextCardFields,
} from './cards';
export { carousel, type CarouselCards, type CarouselItem, type HeaderCarouselType } from './carousel';
export type { ClipEvent, ClipOptions, ClipReporter } from './clip';
export { itemCard, listCard, type ItemCardFields, type ListCardFields, type ListItemFields } from './list-cards';
export { callbackAck, contextValue, dataOnly, reply, skillResponse, type SkillResponseParts } from './response';
