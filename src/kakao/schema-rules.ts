import { z } from 'zod';
import { KAKAO_LIMITS } from './limits';
import { charLength } from './text';
import { isHttpUrl } from './url';

/**
 * Small rules shared by the response schemas and the builders, so both apply exactly the same checks.
 * Internal to `src/kakao` (not re-exported from the index).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/**
 * A non-blank string of at most `max` code points (no maximum when `max` is omitted). Zod's own `.max()`
 * counts UTF-16 units, which would count an emoji twice.
 */
export function text(max?: number) {
  return z.string().superRefine((value, ctx) => {
    if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'must not be empty' });
      return;
    }
    const length = charLength(value);
    if (max !== undefined && length > max) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters (code points), got ${length}` });
    }
  });
}

/** An absolute http(s) URL. */
export const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an absolute http(s) URL' });

/** `extra`: forwarded to the next block as `action.clientExtra`. */
export const extraMap = z.record(z.string(), z.unknown());

/** A positive integer size in pixels. */
export const pixels = z.int().positive();

/** `buttonLayout`: "vertical" stacks up to 3 buttons, "horizontal" puts up to 2 side by side. */
export const ButtonLayoutSchema = z.enum(['vertical', 'horizontal']);

/** The layout a card's buttons actually get. */
export type ButtonLayout = z.output<typeof ButtonLayoutSchema>;

/**
 * Whether a card's buttons sit side by side: an explicit `buttonLayout` wins; otherwise a 1:1
 * (`fixedRatio: true`) thumbnail implies the horizontal layout (contract §2.4).
 */
export function isSideBySide(layout: ButtonLayout | undefined, thumbnail?: { fixedRatio?: boolean }): boolean {
  return layout === undefined ? thumbnail?.fixedRatio === true : layout === 'horizontal';
}

/**
 * Card-level button rule: at most 3 stacked or 2 side by side, and labels of at most 8 characters when
 * side by side. Adds issues under `buttons`.
 */
export function checkButtons(
  ctx: z.RefinementCtx,
  buttons: readonly { label: string }[] | undefined,
  sideBySide: boolean,
): void {
  if (buttons === undefined) return;
  const max = sideBySide ? KAKAO_LIMITS.buttons.horizontal : KAKAO_LIMITS.buttons.vertical;
  if (buttons.length > max) {
    const layout = sideBySide ? 'side by side (horizontal)' : 'stacked (vertical)';
    ctx.addIssue({ code: 'custom', path: ['buttons'], message: `at most ${max} buttons ${layout}, got ${buttons.length}` });
  }
  if (!sideBySide) return;
  const labelMax = KAKAO_LIMITS.button.labelSideBySide;
  buttons.forEach((button, index) => {
    const length = charLength(button.label);
    if (length > labelMax) {
      ctx.addIssue({
        code: 'custom',
        path: ['buttons', index, 'label'],
        message: `must be at most ${labelMax} characters (code points) when buttons sit side by side, got ${length}`,
      });
    }
  });
}
