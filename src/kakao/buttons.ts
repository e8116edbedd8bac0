import { fitText, type ClipOptions, type ClipReporter } from './clip';
import type { Button, ButtonOf, QuickReply } from './common-schemas';
import { KakaoLimitError } from './errors';
import { requireCount, requireHttpUrl, requireMaxLength, requireText } from './guards';
import { KAKAO_LIMITS } from './limits';
import { charLength } from './text';

/**
 * Builders for card buttons and quick reply chips (contract §2.3). The third argument is always Kakao's
 * `extra` map (it comes back as `action.clientExtra`); options come last.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/** Kakao's `extra`: any JSON object; it arrives in the next block as `action.clientExtra`. */
export type Extra = Readonly<Record<string, unknown>>;

/** Options of the `button.*` builders. */
export interface ButtonOptions extends ClipOptions {
  /**
   * The label comes from data (e.g. an FAQ question): clip it to 14 code points and report, instead of
   * throwing `KakaoLimitError` as for a too-long label written in code.
   */
  readonly clipLabel?: boolean;
}

function buttonLabel(label: string, options: ButtonOptions | undefined): string {
  const field = 'button.label';
  requireText(label, field);
  const max = KAKAO_LIMITS.button.label;
  return options?.clipLabel === true ? fitText(label, max, field, options.onClip) : requireMaxLength(label, max, field);
}

function withExtra<T extends object>(target: T, extra: Extra | undefined): T & { extra?: Record<string, unknown> } {
  return extra === undefined ? target : { ...target, extra: { ...extra } };
}

const PHONE = /^\+?[\d\s().-]+$/;

/**
 * Card button builders, one per Kakao action. Labels: 1–14 code points (8 when side by side, which the
 * card clips); a longer label throws unless `options.clipLabel` says it comes from data.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const button = Object.freeze({
  /** Opens `url` (absolute http(s) only). */
  webLink(label: string, url: string, extra?: Extra, options?: ButtonOptions): ButtonOf<'webLink'> {
    const webLinkUrl = requireHttpUrl(url, 'button.webLinkUrl');
    return withExtra({ label: buttonLabel(label, options), action: 'webLink' as const, webLinkUrl }, extra);
  },
  /** Sends `messageText` (default: the label, before clipping) as the user's utterance. */
  message(label: string, messageText: string = label, extra?: Extra, options?: ButtonOptions): ButtonOf<'message'> {
    const fitted = buttonLabel(label, options);
    requireText(messageText, 'button.messageText');
    return withExtra({ label: fitted, action: 'message' as const, messageText }, extra);
  },
  /** Calls `phoneNumber` (digits, spaces, + ( ) . -). Hidden on PC KakaoTalk. */
  phone(label: string, phoneNumber: string, extra?: Extra, options?: ButtonOptions): ButtonOf<'phone'> {
    requireText(phoneNumber, 'button.phoneNumber');
    if (!PHONE.test(phoneNumber) || (phoneNumber.match(/\d/g) ?? []).length < 3) {
      throw new KakaoLimitError({ field: 'button.phoneNumber', limit: 'phone number', actual: phoneNumber });
    }
    return withExtra({ label: buttonLabel(label, options), action: 'phone' as const, phoneNumber }, extra);
  },
  /** Runs block `blockId`; `messageText` (default: the label) is shown as the user's utterance. */
  block(label: string, blockId: string, messageText?: string, extra?: Extra, options?: ButtonOptions): ButtonOf<'block'> {
    requireText(blockId, 'button.blockId');
    if (messageText !== undefined) requireText(messageText, 'button.messageText');
    const built = { label: buttonLabel(label, options), action: 'block' as const, blockId };
    return withExtra(messageText === undefined ? built : { ...built, messageText }, extra);
  },
  /** Forwards the bubble to a friend (useful on carousels). */
  share(label: string, extra?: Extra, options?: ButtonOptions): ButtonOf<'share'> {
    return withExtra({ label: buttonLabel(label, options), action: 'share' as const }, extra);
  },
  /** Hands the chat to a human agent (상담직원 연결 plugin). */
  operator(label: string, extra?: Extra, options?: ButtonOptions): ButtonOf<'operator'> {
    return withExtra({ label: buttonLabel(label, options), action: 'operator' as const }, extra);
  },
});

function chipLabel(label: string, onClip: ClipReporter | undefined): string {
  // Chip labels usually come from data (questions, category names); Kakao states no limit, so clip at 14.
  return fitText(requireText(label, 'quickReply.label'), KAKAO_LIMITS.quickReply.label, 'quickReply.label', onClip);
}

/**
 * Quick reply chip builders (`template.quickReplies`, at most 10 per reply). The label is clipped to 14 code
 * points and reported; `messageText` keeps the full text (by default the label before clipping).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const quickReply = Object.freeze({
  /** Sends `messageText` (default: the full label) as the user's utterance. No entities are extracted. */
  message(label: string, messageText: string = label, extra?: Extra, options?: ClipOptions): Extract<QuickReply, { action: 'message' }> {
    const fitted = chipLabel(label, options?.onClip);
    requireText(messageText, 'quickReply.messageText');
    return withExtra({ label: fitted, action: 'message' as const, messageText }, extra);
  },
  /** Runs block `blockId` whatever the utterance; `messageText` is what the user is seen to send. */
  block(label: string, blockId: string, messageText?: string, extra?: Extra, options?: ClipOptions): Extract<QuickReply, { action: 'block' }> {
    requireText(blockId, 'quickReply.blockId');
    if (messageText !== undefined) requireText(messageText, 'quickReply.messageText');
    const built = { label: chipLabel(label, options?.onClip), action: 'block' as const, blockId };
    return withExtra(messageText === undefined ? built : { ...built, messageText }, extra);
  },
});

/**
 * Card-level button check used by the card builders: at most 3 buttons (2 side by side) else throws; a label
 * over 14 code points throws (it cannot have come from `button.*`); side by side, labels over 8 are clipped
 * and reported, since the card cannot know whether they came from data. Returns copies, or `undefined`
 * for no buttons. Internal.
 */
export function fitButtons(
  buttons: readonly Button[] | undefined,
  sideBySide: boolean,
  path: string,
  onClip: ClipReporter | undefined,
): Button[] | undefined {
  if (buttons === undefined || buttons.length === 0) return undefined;
  const max = sideBySide ? KAKAO_LIMITS.buttons.horizontal : KAKAO_LIMITS.buttons.vertical;
  requireCount(buttons.length, 0, max, `${path}.buttons`);
  return buttons.map((b, index) => {
    const field = `${path}.buttons[${index}].label`;
    requireMaxLength(requireText(b.label, field), KAKAO_LIMITS.button.label, field);
    if (!sideBySide || charLength(b.label) <= KAKAO_LIMITS.button.labelSideBySide) return { ...b };
    return { ...b, label: fitText(b.label, KAKAO_LIMITS.button.labelSideBySide, field, onClip) };
  });
}
