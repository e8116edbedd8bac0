import type { SkillRequest } from '../../kakao';
import type { Logger } from '../../log';
import type { FaqSets, FaqSnapshot } from '../../skill';

/**
 * Where a call starts: the FAQ snapshot it answers from (the `faqSet` block parameter, else the bot's set, else
 * the default set; src/faq/sets/set-selection.ts) and a logger carrying that set and its version. Taken once:
 * the whole call answers from this snapshot even if a reload swaps the set meanwhile.
 */
export function selectFaqSet(faqSets: FaqSets, request: SkillRequest, log: Logger): { snapshot: FaqSnapshot; log: Logger } {
  const selection = faqSets.select(request);
  const { snapshot } = selection;
  const callLog = log.child({ faqSet: snapshot.set, faqVersion: snapshot.store.version });
  if (selection.unknownSet !== undefined) {
    callLog.warn({ faqSetParam: selection.unknownSet, via: selection.via }, 'the faqSet parameter names no FAQ set; ignored');
  }
  return { snapshot, log: callLog };
}
