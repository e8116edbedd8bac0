import type { Metrics } from '../../metrics';
import { skillCallRecord, type SkillCallLogOptions } from '../skill-call-log';
import type { Step } from './step';

/**
 * Step: records every call once it has its outcome, from one {@link skillCallRecord}: the `"skill call"` log line
 * (its fields are a contract, see skill-call-log.ts) and the skill-call metrics. Both read the same record, so
 * they are one step. `ms` runs from here, once the call has its FAQ snapshot, to the finished reply.
 */
export function recordCall(options: SkillCallLogOptions, metrics: Metrics | undefined): Step {
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
    // the call's logger already carries faqSet and faqVersion
    const { faqSet: _set, faqVersion: _version, ...fields } = record;
    call.log.info(fields, 'skill call');
    metrics?.observeSkillCall({ skill: record.skill, outcome: record.outcome, seconds: record.ms / 1000 });
    return outcome;
  };
}
