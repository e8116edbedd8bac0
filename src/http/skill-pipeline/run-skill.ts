import { z } from 'zod';
import { SkillResponseSchema, type SkillResponse } from '../../kakao';
import type { SkillContext } from '../../skill';
import type { SkillCall, Terminal } from './step';
import { wireReply } from './stamp-faq-set';

/** What every skill call's context gets besides the call itself. */
export interface SkillRunDeps {
  /** The answer page of an entry of `set` (src/http/page-urls.ts). */
  answerUrl(faqId: string, set: string): string;
  /** Services handed to every skill call as they are (feedback recorder, handoff, semantic stage, clip reporter). */
  services?: Pick<SkillContext, 'feedback' | 'handoff' | 'understanding' | 'onClip'>;
  /**
   * Debug mode (VALIDATE_RESPONSES, on in the test harness): check every reply against the full SkillResponse
   * schema, so a builder bug becomes an apology rather than a broken bubble. Off in production: the builders
   * enforce the limits, and the check cost more than the rest of the edge.
   */
  validateResponses?: boolean;
}

/** A signal for a call run without the `deadline` step: it never aborts. */
const NEVER_ABORTED = new AbortController().signal;

const isPromiseLike = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * The end of the pipeline: runs the skill with its context (the call's snapshot, logger, deadline signal and
 * the services), checks what it returned in debug mode and makes it ready for the wire.
 */
export function runSkill(deps: SkillRunDeps): Terminal {
  return async (call: SkillCall) => {
    const { snapshot } = call;
    let reusable = true;
    const answered = call.skill.handle(call.request, {
      faq: snapshot.store,
      // both made on first use: a synchronous skill that logs nothing needs neither (start-call.ts, deadline.ts)
      get log() {
        return call.log;
      },
      get signal() {
        return call.deadline?.signal ?? NEVER_ABORTED;
      },
      requestId: call.requestId,
      answerUrl: (faqId) => deps.answerUrl(faqId, snapshot.set),
      doNotReuse: () => (reusable = false),
      ...deps.services,
    });
    const response = isPromiseLike(answered) ? await (call.deadline ? call.deadline.race(answered) : answered) : answered;
    if (deps.validateResponses) validate(response);
    return { status: 'ok', reply: wireReply(response, snapshot), ...(reusable ? {} : { doNotReuse: true as const }) };
  };
}

function validate(response: SkillResponse): void {
  const checked = SkillResponseSchema.safeParse(response);
  if (!checked.success) throw new Error(`skill returned an invalid SkillResponse: ${z.prettifyError(checked.error)}`);
}
