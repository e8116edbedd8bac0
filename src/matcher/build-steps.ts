/**
 * A matcher build that can pause. Building the index of a large FAQ takes seconds of CPU; a server that
 * rebuilds while it answers runs the build as `BuildSteps` and gives the event loop back between slices
 * (src/faq decides when). The matcher itself stays synchronous and timer-free: a build is a generator that
 * yields after every {@link SLICE} items of work (or, for work on flat arrays, after every chunk of a few
 * milliseconds: postings.ts), and {@link runToEnd} runs one without pausing. src/faq/run-in-slices.ts runs
 * steps until its time budget is spent, so a step only has to be short, not of any particular size.
 */

/** A build that yields (no value) between slices of its work and returns what it built. */
export type BuildSteps<T> = Generator<void, T, void>;

/** Items (entries, terms, features) of work between two yields: well under a millisecond each. */
export const SLICE = 256;

/** Runs a build to the end without pausing. */
export function runToEnd<T>(steps: BuildSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** True after every {@link SLICE}-th item: `if (sliceEnds(i)) yield;` inside a loop over items. */
export function sliceEnds(i: number): boolean {
  return (i + 1) % SLICE === 0;
}
