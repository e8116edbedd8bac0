import { COPY } from '../../../src/copy';
import type { Handoff } from '../../../src/handoff';
import { simpleText, skillResponse, textCard, type ClipOptions, type SkillResponse } from '../../../src/kakao';
import { handoffButton, handoffData, type HandoffTopic } from '../parts/handoff';
import { homeQuickReply } from '../parts/nav';

/** The reply to "상담원 연결해 주세요": the handoff button, or an honest "not here" with ways on. */
export function handoffReply(clip: ClipOptions, handoff: Handoff | undefined, topic: HandoffTopic): SkillResponse {
  const data = handoffData(handoff, topic);
  const action = handoffButton(handoff, data);
  return skillResponse({
    outputs: [action ? textCard({ description: COPY.handoff.prompt, buttons: [action] }, clip) : simpleText(COPY.handoff.unavailable, clip)],
    quickReplies: [homeQuickReply(clip)],
    data: { outcome: 'handoff', handoff: data },
    onClip: clip.onClip,
  });
}
