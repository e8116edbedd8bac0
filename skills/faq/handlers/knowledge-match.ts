import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { usableKnowledges } from '../parts/knowledge';
import { knowledgeClarifyReply } from '../replies/clarify';
import { knowledgeAnswerReply } from '../replies/knowledge-answer';

/**
 * Kakao matched 지식+ entries itself (`matchedKnowledges`): they are shown, not matched again. One entry is
 * answered; several are offered in a "which one?" carousel (routed here only when one at least is usable).
 */
export function answerMatchedKnowledge(request: SkillRequest, context: SkillContext): SkillResponse {
  const clip = { onClip: context.onClip };
  const knowledges = usableKnowledges(request.matchedKnowledges);
  const [only] = knowledges;
  if (knowledges.length === 1 && only) return knowledgeAnswerReply(clip, only, request.utterance);
  return knowledgeClarifyReply(clip, knowledges);
}
