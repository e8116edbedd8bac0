import type { EdgeReplies } from '../../skill';
import { DeadlineError } from './deadline';
import type { Step } from './step';
import { wireReply } from './stamp-faq-set';

/**
 * Step: once the payload is valid, Kakao always gets a bubble. A skill that throws, returns an invalid
 * SkillResponse or runs past the deadline is logged and answered with the edge's apology (`EdgeReplies`).
 */
export function apologise(replies: EdgeReplies): Step {
  return async (call, next) => {
    try {
      return await next();
    } catch (error) {
      if (error instanceof DeadlineError) {
        call.log.warn({ skill: call.skill.name, deadlineMs: error.ms }, 'skill deadline exceeded; answered with apology');
        return { status: 'deadline', reply: wireReply(replies.deadlineExceeded(), call.snapshot) };
      }
      call.log.error({ skill: call.skill.name, err: error }, 'skill failed; answered with apology');
      return { status: 'error', reply: wireReply(replies.internalError(), call.snapshot) };
    }
  };
}
