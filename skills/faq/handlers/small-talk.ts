import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { topCategoryNames } from '../parts/nav';
import { smallTalkOf } from '../parts/small-talk';
import { smallTalkReply } from '../replies/small-talk';

/**
 * A message made of small talk and nothing else (안녕하세요, 고마워요, ㅋㅋ): a fitting line and the way into the
 * categories, answered before matching (see ../parts/small-talk.ts).
 */
export function answerSmallTalk(request: SkillRequest, context: SkillContext): SkillResponse {
  // routed here only when the message is small talk; 'light' keeps the handler total on its own
  const kind = smallTalkOf(request.utterance) ?? 'light';
  return smallTalkReply({ onClip: context.onClip }, kind, topCategoryNames(context.faq));
}
