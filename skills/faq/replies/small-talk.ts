import { COPY } from '../../../src/copy';
import { simpleText, skillResponse, type ClipOptions, type SkillResponse } from '../../../src/kakao';
import { categoryQuickReplies, homeQuickReply } from '../parts/nav';
import type { SmallTalkKind } from '../parts/small-talk';

/** Category chips under a small-talk reply, after 전체 분야 보기. */
const SMALL_TALK_CATEGORIES = 8;

/** A fitting line, an invitation to ask, and the chips into the categories. */
export function smallTalkReply(clip: ClipOptions, kind: SmallTalkKind, topCategories: readonly string[]): SkillResponse {
  return skillResponse({
    outputs: [simpleText(COPY.smallTalk[kind], clip)],
    quickReplies: [homeQuickReply(clip, COPY.nav.allCategories), ...categoryQuickReplies(clip, topCategories, SMALL_TALK_CATEGORIES)],
    data: { outcome: 'small_talk', kind },
    onClip: clip.onClip,
  });
}
