import type { FeedbackEvent, FeedbackStore } from './feedback';

/** A {@link FeedbackStore} that keeps events in memory: for tests and for tools that inspect what was recorded. */
export function createMemoryFeedbackStore(): FeedbackStore & { readonly events: readonly FeedbackEvent[] } {
  const events: FeedbackEvent[] = [];
  return {
    events,
    append(event) {
      events.push(event);
      return Promise.resolve();
    },
  };
}
