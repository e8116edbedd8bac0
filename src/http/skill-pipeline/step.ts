import type { SkillRequest } from '../../kakao';
import type { Logger } from '../../log';
import type { FaqSnapshot, Skill } from '../../skill';
import type { CachedReply } from '../reply-cache';
import type { CallDeadline } from './deadline';
import type { SkillCallStatus } from '../skill-call-log';

/**
 * The pieces of the skill-call pipeline (pipeline.ts): a call, what comes back from it, and a step, a function
 * that does one job around the rest of the call, like grammY's or Koa's middleware.
 */

/** One skill call: a valid payload for a known skill, mapped to our request, with the FAQ snapshot it answers from. */
export interface SkillCall {
  readonly skill: Skill;
  readonly request: SkillRequest;
  readonly requestId: string;
  /** Taken once when the call starts: the whole call answers from it even if a reload swaps the set meanwhile. */
  readonly snapshot: FaqSnapshot;
  /** The app's logger, for the call's one line (record-call.ts binds the request id and snapshot into it). */
  readonly appLog: Logger;
  /** The request's logger, carrying `reqId`, the snapshot's `faqSet` and `faqVersion`; made on first use. */
  readonly log: Logger;
  /** Set by the `deadline` step; the skill gets its signal in its context. */
  deadline?: CallDeadline;
}

/** How a call ended, as it travels back out through the steps. */
export interface SkillOutcome {
  /** How the edge finished the call: the call log's `status`. */
  readonly status: SkillCallStatus;
  /** The reply as it goes on the wire: stamped with the FAQ set and serialised once. */
  readonly reply: CachedReply;
  /** Present when the reply was reused from the reply cache instead of built. */
  readonly cached?: true;
  /** Present when the skill said its reply must not be reused (`SkillContext.doNotReuse`). */
  readonly doNotReuse?: true;
}

/**
 * One job around a skill call. It may work before `next()`, answer without calling it (the rest of the call
 * then does not run), or look at or replace the outcome `next()` returns.
 */
export type Step = (call: SkillCall, next: () => Promise<SkillOutcome>) => Promise<SkillOutcome>;

/** The end of the pipeline: what builds the reply when no step answered first. */
export type Terminal = (call: SkillCall) => Promise<SkillOutcome>;

/** A step that does nothing, for a concern switched off by configuration. */
export const passThrough: Step = (_call, next) => next();

/** Runs `steps` in order around `terminal`: the first step is the outermost. */
export function compose(steps: readonly Step[], terminal: Terminal): Terminal {
  return (call) => {
    const run = (index: number): Promise<SkillOutcome> => {
      const step = steps[index];
      return step ? step(call, () => run(index + 1)) : terminal(call);
    };
    return run(0);
  };
}
