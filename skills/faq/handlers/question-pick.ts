import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import type { TapWith } from '../parts/tap';
import { answerEntry } from '../replies/answer';

/**
 * A tap that names one of our entries (`extra.faqId`: a related question, a browse list item, a clarify
 * pick): answered without matching, for the question asked before the tap when it carries one.
 */
export function answerPickedQuestion(request: SkillRequest, context: SkillContext, tap: TapWith<'faqId'>): SkillResponse {
  return answerEntry(context, tap.faqId, 1, tap.asked ?? request.utterance);
}
