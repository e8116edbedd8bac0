import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import type { TapWith } from '../parts/tap';
import { knowledgeAnswerReply } from '../replies/knowledge-answer';

/**
 * A pick under a 지식+ "which one?" carousel: the card carried its entry in `extra.knowledge`, because Kakao
 * sends no knowledge with the tap.
 */
export function answerKnowledgePick(request: SkillRequest, context: SkillContext, tap: TapWith<'knowledge'>): SkillResponse {
  return knowledgeAnswerReply({ onClip: context.onClip }, tap.knowledge, tap.asked ?? request.utterance);
}
