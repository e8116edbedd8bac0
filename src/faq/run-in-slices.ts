import type { BuildSteps } from '../matcher';

/**
 * Runs a build (src/matcher/build-steps.ts) on the event loop in slices of about `sliceMs`, giving the loop
 * back (setImmediate) between slices: requests that arrive during a rebuild wait at most one slice, where the
 * whole build of a 100,000-entry index held the loop for seconds.
 */
export async function runInSlices<T>(steps: BuildSteps<T>, sliceMs = DEFAULT_SLICE_MS): Promise<T> {
  for (;;) {
    const until = performance.now() + sliceMs;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= until) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Long enough that the build makes progress under load, short enough to add little to any request. */
export const DEFAULT_SLICE_MS = 10;
