import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { topCategoryNames } from '../parts/nav';
import { browseReply } from '../replies/browse';
import { fallbackReply } from '../replies/fallback';

/** "처음으로", "메뉴", "전체 분야 보기" typed rather than tapped: the list of services, as the chip opens. */
export function home(_request: SkillRequest, context: SkillContext): SkillResponse {
  const clip = { onClip: context.onClip };
  // an FAQ set with no entries lists nothing: the plain fallback
  return browseReply(clip, context.faq, []) ?? fallbackReply(clip, topCategoryNames(context.faq));
}
