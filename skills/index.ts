import { COPY } from '../src/copy';
import { simpleText, skillResponse } from '../src/kakao';
import { createSkillRegistry, type EdgeReplies } from '../src/skill';
import { faqSkill } from './faq/faq-skill';

/** Every skill this server offers, by name (`POST /skill/<name>`). */
export const skills = createSkillRegistry([faqSkill]);

/** The bubbles the HTTP edge answers with when a skill fails or runs out of time. */
export const edgeReplies: EdgeReplies = {
  internalError: () =>
    skillResponse({ outputs: [simpleText(COPY.edge.internalError)], data: { outcome: 'error' } }),
  deadlineExceeded: () =>
    skillResponse({ outputs: [simpleText(COPY.edge.deadlineExceeded)], data: { outcome: 'timeout' } }),
};
