import type { Logger } from '../../log';
import type { FaqSets, FaqSnapshot, Skill } from '../../skill';
import type { SkillRequest } from '../../kakao';
import type { CallDeadline } from './deadline';
import type { SkillCallStart } from './pipeline';
import type { SkillCall } from './step';

/** The fields that open every line of a call's log, in this order (docs/operating.md "Logs"). */
export function callBindings(call: Pick<SkillCall, 'requestId' | 'snapshot'>): { reqId: string; faqSet: string; faqVersion: string } {
  return { reqId: call.requestId, faqSet: call.snapshot.set, faqVersion: call.snapshot.store.version };
}

/**
 * Where a call starts: the FAQ snapshot it answers from (the `faqSet` block parameter, else the bot's set, else
 * the default set; src/faq/sets/set-selection.ts) and a logger carrying the request id, that set and its
 * version. Taken once: the whole call answers from this snapshot even if a reload swaps the set meanwhile.
 */
export function startCall(faqSets: FaqSets, start: SkillCallStart, appLog: Logger): SkillCall {
  const selection = faqSets.select(start.request);
  const call = callOn(selection.snapshot, start, appLog);
  if (selection.unknownSet !== undefined) {
    call.log.warn({ faqSetParam: selection.unknownSet, via: selection.via }, 'the faqSet parameter names no FAQ set; ignored');
  }
  return call;
}

/** A call that answers from `snapshot`, chosen by the caller (reply warming builds its calls so). */
export function callOn(snapshot: FaqSnapshot, start: SkillCallStart, appLog: Logger): SkillCall {
  return new StartedCall(start, snapshot, appLog);
}

/**
 * A class, not an object literal with `get log()`. A literal's getter is a new closure per call, so every call
 * got a hidden class of its own holding it (test/http/call-shape.test.ts), and V8 keeps the hidden classes its
 * optimized code has seen alive for two more major collections (`--retain-maps-for-n-gc`): through the getter's
 * closure, the last calls' FAQ snapshot outlived its reload. At 100,000 entries every major collection during
 * the next reload's build then marked a whole dead snapshot again, in 90–150 ms stop-the-world pauses
 * (docs/operating.md, "Load test").
 */
class StartedCall implements SkillCall {
  readonly skill: Skill;
  readonly request: SkillRequest;
  readonly requestId: string;
  deadline?: CallDeadline;
  private callLog: Logger | undefined;

  constructor(
    start: SkillCallStart,
    readonly snapshot: FaqSnapshot,
    readonly appLog: Logger,
  ) {
    this.skill = start.skill;
    this.request = start.request;
    this.requestId = start.requestId;
  }

  /**
   * Made on first use: most calls write only their one line (record-call.ts), and a child logger per call
   * cost more than the rest of the edge's bookkeeping.
   */
  get log(): Logger {
    return (this.callLog ??= this.appLog.child(callBindings(this)));
  }
}
