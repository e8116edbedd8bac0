import type { SkillRequest } from '../../kakao';
import type { Logger } from '../../log';
import type { SkillCallSink } from '../../events/skill-call-events';
import type { Metrics } from '../../metrics';
import type { EdgeReplies, FaqSets, Skill } from '../../skill';
import type { UserLimiter } from '../rate-limit';
import type { ReplyCache } from '../reply-cache';
import type { SkillCallLogOptions } from '../skill-call-log';
import { apologise } from './apologise';
import { deadline } from './deadline';
import { recordCall } from './record-call';
import { reuseReply } from './reuse-reply';
import { runSkill, type SkillRunDeps } from './run-skill';
import { startCall } from './start-call';
import { compose, type SkillOutcome, type Step } from './step';
import { limitUser } from './user-limit';

export interface SkillPipelineDeps extends SkillRunDeps {
  faqSets: FaqSets;
  edgeReplies: EdgeReplies;
  deadlineMs: number;
  /** The app's logger: the call's line goes here, with the request id and snapshot bound in (start-call.ts). */
  log: Logger;
  callLog: SkillCallLogOptions;
  metrics?: Metrics | undefined;
  /** Where skill-call events also go (DATABASE_URL); absent: the log line is their only record. */
  events?: SkillCallSink | undefined;
  /** Per-user-key limit: a user over it gets a polite bubble instead of an answer (still HTTP 200). */
  userLimiter?: UserLimiter | undefined;
  /** Replies to reuse for skills that name a `replyKey`; absent means every call runs its skill. */
  replyCache?: ReplyCache | undefined;
}

/** What the skill route hands over: a known skill and a valid payload mapped to our request. */
export interface SkillCallStart {
  skill: Skill;
  request: SkillRequest;
  requestId: string;
}

/**
 * Everything the edge does with a skill call once the payload is valid, as named steps in ONE list. A step is
 * `(call, next) => outcome` (step.ts); the list reads top to bottom as the order of work, outermost first, and
 * a new concern joins by adding its step here. Kakao always gets HTTP 200 with a valid SkillResponse from it.
 *
 * Before the steps, the call takes the FAQ snapshot it answers from (start-call.ts). Then:
 * 1. recordCall: the `"skill call"` log line and the metrics, from the outcome (it times all that follows);
 * 2. limitUser:  a user over USER_RATE_LIMIT gets the rate-limited bubble; nothing below runs;
 * 3. reuseReply: a repeated question in the same snapshot gets its earlier reply; a fresh one is kept;
 * 4. apologise:  anything thrown below (a skill error, an invalid reply, the deadline) becomes the apology;
 * 5. deadline:   what follows must finish within SKILL_DEADLINE_MS; the skill's signal aborts when it passes;
 * and at the end runSkill runs the skill (racing the deadline only when it answers asynchronously), checks its
 * reply against the schema in debug mode (VALIDATE_RESPONSES) and makes it ready for the wire (stamped with
 * `data.faqSet`/`faqVersion`, serialised once, 30 KB checked on that string). The reply is made ready where it is
 * built because the steps above see it as it goes on the wire: the reply cache keeps it serialised.
 */
export function skillPipeline(deps: SkillPipelineDeps): (start: SkillCallStart) => Promise<SkillOutcome> {
  const steps: readonly Step[] = [
    recordCall(deps.callLog, deps.metrics, deps.events),
    limitUser(deps.userLimiter, deps.edgeReplies),
    reuseReply(deps.replyCache),
    apologise(deps.edgeReplies),
    deadline(deps.deadlineMs),
  ];
  const run = compose(steps, runSkill(deps));
  return (start) => run(startCall(deps.faqSets, start, deps.log));
}
