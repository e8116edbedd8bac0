import type { FaqSnapshot } from '../faq/sets/reloadable-set';
import type { SkillResponse } from '../kakao';

/**
 * Adds `data.faqSet` and `data.faqVersion` to a reply, so every response says which FAQ set and which
 * version of it answered (block templates can show them; support can match a reply to the data). Done
 * once at the edge, for every reply including the edge's own apologies, instead of in each reply builder.
 */
export function stampFaqSet(response: SkillResponse, snapshot: FaqSnapshot): SkillResponse {
  return { ...response, data: { ...response.data, faqSet: snapshot.set, faqVersion: snapshot.store.version } };
}
