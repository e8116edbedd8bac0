import { z } from 'zod';
import { SkillResponseSchema } from '../../kakao';
import type { SkillContext } from '../../skill';
import type { SkillCall, Terminal } from './step';
import { wireReply } from './stamp-faq-set';

/** What every skill call's context gets besides the call itself. */
export interface SkillRunDeps {
  /** The answer page of an entry of `set` (src/http/page-urls.ts). */
  answerUrl(faqId: string, set: string): string;
  /** Services handed to every skill call as they are (feedback recorder, handoff, semantic stage, clip reporter). */
  services?: Pick<SkillContext, 'feedback' | 'handoff' | 'understanding' | 'onClip'>;
}

/** A signal for a call run without the `deadline` step: it never aborts. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * The end of the pipeline: runs the skill with its context (the call's snapshot, logger, deadline signal and
 * the services), checks what it returned and makes it ready for the wire.
 */
export function runSkill(deps: SkillRunDeps): Terminal {
  return async (call: SkillCall) => {
    const { snapshot } = call;
    let reusable = true;
    const response = await call.skill.handle(call.request, {
      faq: snapshot.store,
      log: call.log,
      requestId: call.requestId,
      answerUrl: (faqId) => deps.answerUrl(faqId, snapshot.set),
      signal: call.signal ?? NEVER_ABORTED,
      doNotReuse: () => (reusable = false),
      ...deps.services,
    });
    // Builders guarantee the shape; this check turns a builder bug into an apology, not a broken bubble.
    const checked = SkillResponseSchema.safeParse(response);
    if (!checked.success) throw new Error(`skill returned an invalid SkillResponse: ${z.prettifyError(checked.error)}`);
    return { status: 'ok', reply: wireReply(response, snapshot), ...(reusable ? {} : { doNotReuse: true as const }) };
  };
}
