import type { SkillCallSink } from '../../events/skill-call-events';
import type { Metrics } from '../../metrics';
import { skillCallRecord, type SkillCallLogOptions } from '../skill-call-log';
import { callBindings } from './start-call';
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
    // One line on the app's logger, no child logger per call: the call's bindings first, as a child's would be
    // (the record's own faqSet and faqVersion are the same values and keep those places), then the record.
    call.appLog.info({ ...callBindings(call), ...record }, 'skill call');
    metrics?.observeSkillCall({ skill: record.skill, outcome: record.outcome, seconds: record.ms / 1000 });
    events?.add({ at: new Date().toISOString(), ...record });
    return outcome;
  };
}
