import type { Logger } from '../../log';
import type { FaqSets } from '../../skill';
import type { SkillCallStart } from './pipeline';
import type { SkillCall } from './step';

/**
 * Where a call starts: the FAQ snapshot it answers from (the `faqSet` block parameter, else the bot's set, else
 * the default set; src/faq/sets/set-selection.ts) and a logger carrying the request id, that set and its
 * version. Taken once: the whole call answers from this snapshot even if a reload swaps the set meanwhile.
 */
/** The fields that open every line of a call's log, in this order (docs/operating.md "Logs"). */
export function callBindings(call: Pick<SkillCall, 'requestId' | 'snapshot'>): { reqId: string; faqSet: string; faqVersion: string } {
  return { reqId: call.requestId, faqSet: call.snapshot.set, faqVersion: call.snapshot.store.version };
}

export function startCall(faqSets: FaqSets, start: SkillCallStart, appLog: Logger): SkillCall {
  const selection = faqSets.select(start.request);
  const { snapshot } = selection;
  let callLog: Logger | undefined;
  const call: SkillCall = {
    ...start,
    snapshot,
    appLog,
    // Made on first use: most calls write only their one line (record-call.ts), and a child logger per call
    // cost more than the rest of the edge's bookkeeping.
    get log() {
      return (callLog ??= appLog.child(callBindings(call)));
    },
  };
  if (selection.unknownSet !== undefined) {
    call.log.warn({ faqSetParam: selection.unknownSet, via: selection.via }, 'the faqSet parameter names no FAQ set; ignored');
  }
  return call;
}
