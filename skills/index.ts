import { COPY } from '../src/copy';
import { simpleText, skillResponse } from '../src/kakao';
import { createSkillRegistry, type EdgeReplies } from '../src/skill';
import { faqSkill } from './faq/faq-skill';

export { answerPages } from './answer-pages';

/** Every skill this server offers, by name (`POST /skill/<name>`). */
export const skills = createSkillRegistry([faqSkill]);

/** The bubbles the HTTP edge answers with when a skill fails or runs out of time, or the user is over the limit. */
export const edgeReplies: EdgeReplies = {
  internalError: () =>
    skillResponse({ outputs: [simpleText(COPY.edge.internalError)], data: { outcome: 'error' } }),
  deadlineExceeded: () =>
    skillResponse({ outputs: [simpleText(COPY.edge.deadlineExceeded)], data: { outcome: 'timeout' } }),
  rateLimited: () =>
    skillResponse({ outputs: [simpleText(COPY.limits.userTooFast)], data: { outcome: 'rate_limited' } }),
};
