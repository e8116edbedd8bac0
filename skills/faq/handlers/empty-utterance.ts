import { COPY } from '../../../src/copy';
import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { topCategoryNames } from '../parts/nav';
import { fallbackReply } from '../replies/fallback';

/** A blank message (only spaces, or a block that sends none): the fallback that asks for a question. */
export function askForQuestion(_request: SkillRequest, context: SkillContext): SkillResponse {
  return fallbackReply({ onClip: context.onClip }, topCategoryNames(context.faq), COPY.fallback.emptyUtterance);
}
