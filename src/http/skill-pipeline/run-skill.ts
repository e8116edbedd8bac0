import { z } from 'zod';
import { SkillResponseSchema, type SkillResponse } from '../../kakao';
import type { Logger } from '../../log';
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
    const context = new CallContext(call, deps);
    const answered = call.skill.handle(call.request, context);
    const response = isPromiseLike(answered) ? await (call.deadline ? call.deadline.race(answered) : answered) : answered;
    if (deps.validateResponses) validate(response);
    return { status: 'ok', reply: wireReply(response, call.snapshot), ...(context.reusable ? {} : { doNotReuse: true as const }) };
  };
}

/**
 * A call's SkillContext. Its logger and signal are made on first use (a synchronous skill that logs nothing
 * needs neither; start-call.ts, deadline.ts), by getters on this class's prototype. A class like the call it
 * serves (start-call.ts, StartedCall): one hidden class for every context, and nothing of the call but what
 * SkillContext names is visible to a skill.
 */
class CallContext implements SkillContext {
  readonly faq: SkillContext['faq'];
  readonly requestId: string;
  declare readonly feedback?: SkillContext['feedback'];
  declare readonly handoff?: SkillContext['handoff'];
  declare readonly understanding?: SkillContext['understanding'];
  declare readonly onClip?: SkillContext['onClip'];
  readonly #call: SkillCall;
  readonly #deps: SkillRunDeps;
  #reusable = true;

  constructor(call: SkillCall, deps: SkillRunDeps) {
    this.#call = call;
    this.#deps = deps;
    this.faq = call.snapshot.store;
    this.requestId = call.requestId;
    if (deps.services) Object.assign(this, deps.services);
  }

  get log(): Logger {
    return this.#call.log;
  }

  get signal(): AbortSignal {
    return this.#call.deadline?.signal ?? NEVER_ABORTED;
  }

  /** False once the skill has called doNotReuse. */
  get reusable(): boolean {
    return this.#reusable;
  }

  // arrow functions: a skill may pass them on unbound
  readonly answerUrl = (faqId: string): string => this.#deps.answerUrl(faqId, this.#call.snapshot.set);
  readonly doNotReuse = (): void => {
    this.#reusable = false;
  };
}

function validate(response: SkillResponse): void {
  const checked = SkillResponseSchema.safeParse(response);
  if (!checked.success) throw new Error(`skill returned an invalid SkillResponse: ${z.prettifyError(checked.error)}`);
}
