import { assertBodySize, type SkillResponse } from '../../kakao';
import type { FaqSnapshot } from '../../skill';
import type { CachedReply } from '../reply-cache';

/**
 * Adds `data.faqSet` and `data.faqVersion` to a reply, so every response says which FAQ set and which
 * version of it answered (block templates can show them; support can match a reply to the data). Done
 * once at the edge, for every reply including the edge's own apologies, instead of in each reply builder.
 */
function stampFaqSet(response: SkillResponse, snapshot: FaqSnapshot): SkillResponse {
  return { ...response, data: { ...response.data, faqSet: snapshot.set, faqVersion: snapshot.store.version } };
}

/**
 * A reply made ready for the wire: stamped, then serialised once, and Kakao's 30 KB checked on that string
 * (the builders fitted the reply before the stamp; a reply the stamp pushes over throws, and becomes the
 * apology, rather than being sent for Kakao to drop). Every reply of a call (the skill's, an apology, the
 * rate-limited bubble) goes through here; the reply cache keeps it in this form.
 */
export function wireReply(response: SkillResponse, snapshot: FaqSnapshot): CachedReply {
  const stamped = stampFaqSet(response, snapshot);
  const body = JSON.stringify(stamped);
  assertBodySize(body);
  return { body, data: stamped.data };
}
