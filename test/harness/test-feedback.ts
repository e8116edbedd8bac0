import { createFeedbackRecorder, type FeedbackRecorder } from '../../src/feedback/feedback';
import { createMemoryFeedbackStore } from '../../src/feedback/memory-feedback-store';

/** Salt for hashing user keys in tests (never used outside them). */
export const TEST_USER_KEY_SALT = 'test-salt-0123456789abcdef';

/**
 * A feedback recorder over an in-memory store with a fixed clock; `store.events` shows what was recorded.
 * The in-process app's default, so a test's or a replayed rating never lands in the operators' feedback file.
 */
export function testFeedback(): { store: ReturnType<typeof createMemoryFeedbackStore>; recorder: FeedbackRecorder } {
  const store = createMemoryFeedbackStore();
  const recorder = createFeedbackRecorder({ store, salt: TEST_USER_KEY_SALT, now: () => new Date('2026-11-23T03:00:00.000Z') });
  return { store, recorder };
}
