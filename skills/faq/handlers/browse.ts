import { COPY } from '../../../src/copy';
import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { topCategoryNames } from '../parts/nav';
import type { TapWith } from '../parts/tap';
import { browseReply } from '../replies/browse';
import { fallbackReply } from '../replies/fallback';

/**
 * A tap into the categories (`extra.browse`: a path, `[]` for the services, and a `page`). A path that
 * lists nothing (a category renamed since the button was sent) gets the fallback that says so.
 */
export function browse(_request: SkillRequest, context: SkillContext, tap: TapWith<'browse'>): SkillResponse {
  const clip = { onClip: context.onClip };
  return browseReply(clip, context.faq, tap.browse, tap.page) ?? fallbackReply(clip, topCategoryNames(context.faq), COPY.browse.unknownCategory);
}
