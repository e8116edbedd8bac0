import { COPY } from '../../../src/copy';
import type { FaqEntry } from '../../../src/faq/faq-schema';
import type { Handoff } from '../../../src/handoff';
import { KAKAO_LIMITS, quickReply, simpleText, skillResponse, textCard, type ClipOptions, type Output, type SkillResponse } from '../../../src/kakao';
import { handoffButton, handoffData, type HandoffTopic } from '../parts/handoff';
import { categoryQuickReplies, homeQuickReply } from '../parts/nav';
import { questionList } from '../parts/question-list';

export interface FallbackOptions {
  /** Questions to offer instead (after a follow-up that matched nothing: the previous answer's neighbours). */
  related?: readonly FaqEntry[];
  /** When set (and not `none`), a card with the button that reaches a person. */
  handoff?: Handoff;
  /** What was asked, passed on with the handoff. */
  topic?: HandoffTopic;
}

/**
 * Nothing fits: an apology, the same-topic questions after a follow-up, a way to a person when configured, and
 * chips to rephrase, see every service, or open one of the largest.
 */
export function fallbackReply(
  clip: ClipOptions,
  topCategories: readonly string[],
  text: string = COPY.fallback.text,
  options: FallbackOptions = {},
): SkillResponse {
  const outputs: Output[] = [simpleText(text, clip)];
  if (options.related && options.related.length > 0) outputs.push(questionList(clip, COPY.followUp.relatedHeader, options.related));
  const data: Record<string, unknown> = { outcome: 'fallback' };
  if (options.handoff && options.handoff.mode !== 'none') {
    const handoff = handoffData(options.handoff, options.topic ?? {});
    const person = handoffButton(options.handoff, handoff);
    if (person) outputs.push(textCard({ description: COPY.handoff.offer, buttons: [person] }, clip));
    data.handoff = handoff;
  }
  return skillResponse({
    outputs,
    quickReplies: [
      quickReply.message(COPY.fallback.rephraseReply, COPY.fallback.rephraseReply, { rephrase: true }, clip),
      homeQuickReply(clip, COPY.nav.allCategories),
      ...categoryQuickReplies(clip, topCategories, KAKAO_LIMITS.template.quickReplies - 2),
    ],
    data,
    onClip: clip.onClip,
  });
}
