import type { SkillCallSink } from '../../events/skill-call-events';
import type { Metrics } from '../../metrics';
import { skillCallRecord, type SkillCallLogOptions } from '../skill-call-log';
import type { Step } from './step';

/**
 * Step: records every call once it has its outcome, from one {@link skillCallRecord}: the `"skill call"` log line
 * (its fields are a contract, see skill-call-log.ts) and the skill-call metrics. Both read the same record, so
 * they are one step. `ms` runs from here, once the call has its FAQ snapshot, to the finished reply. With a shared
 * store (DATABASE_URL) the same record also goes to `events`, which only buffers it: the call never waits for it.
 */
export function recordCall(options: SkillCallLogOptions, metrics: Metrics | undefined, events?: SkillCallSink): Step {
  return async (call, next) => {
    const started = performance.now();
    const outcome = await next();
    const record = skillCallRecord(
      {
        skill: call.skill.name,
        status: outcome.status,
        request: call.request,
        data: outcome.reply.data,
        faqSet: call.snapshot.set,
        faqVersion: call.snapshot.store.version,
        ms: performance.now() - started,
        cached: outcome.cached === true,
      },
      options,
    );
    // One line on the app's logger, no child logger per call: the fields come out in the order a child's
    // bindings gave them (reqId, faqSet, faqVersion, then the record), which docs/operating.md "Logs" documents.
    const { faqSet, faqVersion, ...fields } = record;
    call.appLog.info({ reqId: call.requestId, faqSet, faqVersion, ...fields }, 'skill call');
    metrics?.observeSkillCall({ skill: record.skill, outcome: record.outcome, seconds: record.ms / 1000 });
    events?.add({ at: new Date().toISOString(), ...record });
    return outcome;
  };
}
