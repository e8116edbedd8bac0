import type { Step } from './step';

/** Raised when work passes its deadline; the edge answers with a friendly bubble instead. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
  }
}

/**
 * Runs `work` and settles with its result, or rejects with {@link DeadlineError} after `ms`.
 * The signal passed to `work` is aborted at the deadline so it can stop early; a result that
 * arrives after the deadline is discarded.
 */
export async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => T | Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new DeadlineError(ms));
      reject(new DeadlineError(ms));
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => work(controller.signal)), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Step: runs the rest of the call under a deadline of `ms` (SKILL_DEADLINE_MS, below Kakao's 5 s) and hands the
 * skill the signal that aborts when it passes; past it, the call rejects with {@link DeadlineError} (the
 * `apologise` step answers it) and a late reply is discarded.
 */
export function deadline(ms: number): Step {
  return (call, next) =>
    withDeadline(ms, (signal) => {
      call.signal = signal;
      return next();
    });
}
