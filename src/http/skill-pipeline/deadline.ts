import type { Step } from './step';

/** Raised when work passes its deadline; the edge answers with a friendly bubble instead. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
  }
}

/**
 * A call's deadline, `ms` from when it began. It costs nothing until the skill turns out to be asynchronous: a
 * skill that answers synchronously (the FAQ skill unless it embeds the question) cannot be interrupted anyway,
 * so it gets no timer and no AbortController. The signal is made when the skill first reads it.
 */
export class CallDeadline {
  private readonly started = performance.now();
  private controller: AbortController | undefined;

  constructor(readonly ms: number) {}

  /** Aborted (with a {@link DeadlineError}) when the deadline passes. */
  get signal(): AbortSignal {
    return (this.controller ??= new AbortController()).signal;
  }

  /** Settles with `work`, or rejects with {@link DeadlineError} once the deadline passes; a later result is discarded. */
  async race<T>(work: PromiseLike<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const passed = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // the deadline settles first, so a skill that rejects as its signal aborts does not win the race
        reject(new DeadlineError(this.ms));
        this.controller?.abort(new DeadlineError(this.ms));
      }, Math.max(0, this.ms - (performance.now() - this.started)));
    });
    try {
      return await Promise.race([work, passed]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Step: what follows must finish within `ms` (SKILL_DEADLINE_MS, below Kakao's 5 s). The skill gets the signal
 * that aborts when it passes; past it, the call rejects with {@link DeadlineError} (the `apologise` step answers
 * it) and a late reply is discarded. runSkill races an asynchronous skill against it (see {@link CallDeadline}).
 */
export function deadline(ms: number): Step {
  return (call, next) => {
    call.deadline = new CallDeadline(ms);
    return next();
  };
}
