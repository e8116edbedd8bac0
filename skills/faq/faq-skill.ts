import type { SkillRequest } from '../../src/kakao';
import { defineSkill } from '../../src/skill';
import { followUpKey } from './parts/followup';
import { isTap } from './parts/tap';
import { routeFaqMessage } from './routes';

/**
 * The FAQ skill: answers the utterance, asks which one was meant, or falls back with help; browses
 * categories, records ratings, hands over to a person, and shows 지식+ matches. Taps are routed by
 * `clientExtra` (never by their text), typed messages by the matcher with the follow-up context as a prior;
 * ./routes.ts holds the table and its order.
 */
export const faqSkill = defineSkill({
  name: 'faq',
  /**
   * Typed messages are reused: their reply depends only on the utterance, the follow-up context and the FAQ
   * snapshot (the cache's scope). Taps are not: a rating is recorded, and they need no matching anyway.
   */
  replyKey(request: SkillRequest) {
    if (isTap(request) || request.matchedKnowledges.length > 0) return undefined;
    return `${request.utterance}\u0000${followUpKey(request)}`;
  },
  handle: routeFaqMessage,
});
