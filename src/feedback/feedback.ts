import { hashUserKey } from '../user-key';

/**
 * Answer ratings ("도움이 됐어요" / "아쉬워요"). The recorder turns what a skill or page knows into a
 * {@link FeedbackEvent} (hashing the user key) and hands it to a {@link FeedbackStore}, which only appends.
 * Swap the store (the JSONL file by default, PostgreSQL with DATABASE_URL) without touching the callers.
 */

export type FeedbackRating = 'up' | 'down';

/** One line of the feedback log. Never contains the raw user key. */
export interface FeedbackEvent {
  /** ISO 8601 time the rating was received. */
  readonly at: string;
  readonly rating: FeedbackRating;
  /** `chat` from a quick reply in KakaoTalk, `page` from the full-answer page. */
  readonly source: 'chat' | 'page';
  /** Our FAQ id, or `kb-<hash>` for a 지식+ answer. */
  readonly faqId: string;
  /** Version of the FAQ set the answer came from (FaqStore.version); null for a 지식+ answer. */
  readonly faqVersion: string | null;
  /** The question that was answered, as shown (so a rating still reads well after the data changes). */
  readonly question: string;
  /** HMAC-SHA256 of the user key (hex), or null when there is none (the page has no user). */
  readonly userKeyHash: string | null;
}

/**
 * Where events go. `append` resolves once the event is stored (the file) or safely queued for a batched
 * write (PostgreSQL, which a request never waits for); it never rewrites earlier events. When it cannot
 * take one it rejects, with a {@link FeedbackNotStoredError} when it has counted and reported the loss.
 */
export interface FeedbackStore {
  append(event: FeedbackEvent): Promise<void>;
}

/**
 * A rating the store could not keep (its file is on a full disk, say). The store has already counted it
 * (`kakao_faq_feedback_lost_total`) and said so in the log once for the whole failing spell, so a caller
 * only thanks the user: logging it again would log every tap of a full disk.
 */
export class FeedbackNotStoredError extends Error {
  override readonly name = 'FeedbackNotStoredError';
  constructor(
    /** An errno code (ENOSPC, EIO, …) or `backlog_full` (too many writes already waiting on the file). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`rating not stored (${reason})`, options);
  }
}

/** What a caller knows when a user rates an answer. */
export interface FeedbackInput {
  readonly rating: FeedbackRating;
  readonly source: FeedbackEvent['source'];
  readonly faqId: string;
  readonly faqVersion: string | null;
  readonly question: string;
  /** The raw user key (botUserKey); hashed before it is stored. Empty or absent means "no user". */
  readonly userKey?: string;
}

export interface FeedbackRecorder {
  record(input: FeedbackInput): Promise<FeedbackEvent>;
}

/** Builds the recorder the skill and the answer page share. `now` is injectable for tests. */
export function createFeedbackRecorder(options: {
  store: FeedbackStore;
  salt: string;
  now?: () => Date;
}): FeedbackRecorder {
  const { store, salt } = options;
  if (salt.length < 16) throw new RangeError('the user-key salt must be at least 16 characters');
  const now = options.now ?? (() => new Date());
  return {
    async record(input) {
      const event: FeedbackEvent = {
        at: now().toISOString(),
        rating: input.rating,
        source: input.source,
        faqId: input.faqId,
        faqVersion: input.faqVersion,
        question: input.question,
        // the same hash as the skill-call log line, so a report can join ratings to calls
        userKeyHash: (input.userKey && hashUserKey(input.userKey, salt)) || null,
      };
      await store.append(event);
      return event;
    },
  };
}
