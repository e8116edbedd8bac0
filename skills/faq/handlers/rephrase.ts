import { COPY } from '../../../src/copy';
import { simpleText, skillResponse, type SkillRequest, type SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';

/** 다시 질문하기 (`extra.rephrase`, under the fallback and after "아쉬워요"): an invitation to ask in other words. */
export function askToRephrase(_request: SkillRequest, context: SkillContext): SkillResponse {
  const clip = { onClip: context.onClip };
  return skillResponse({ outputs: [simpleText(COPY.fallback.rephrasePrompt, clip)], data: { outcome: 'fallback' }, onClip: clip.onClip });
}
