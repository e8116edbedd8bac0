import { createBatchWriter, type BatchWriter, type BatchWriterOptions } from '../postgres/batch-writer';
import { insertRows, type Pool } from '../postgres/pool';
import { FeedbackNotStoredError, type FeedbackEvent, type FeedbackStore } from './feedback';

/**
 * The {@link FeedbackStore} of many replicas: ratings from chat and from the page go into
 * `kakao_faq_feedback`, batched off the request path like the skill-call events. `append` resolves as soon
 * as the rating is buffered, so neither a tap nor the page ever waits for the database; a full buffer
 * (the database down for long) refuses it with a {@link FeedbackNotStoredError} (`buffer_full`), already
 * counted as dropped, and the caller thanks the user all the same.
 */
export interface PostgresFeedbackStore extends FeedbackStore {
  readonly writer: BatchWriter<FeedbackEvent>;
}

const COLUMNS = ['at', 'rating', 'source', 'faq_id', 'faq_version', 'question', 'user_key_hash'] as const;

export function createPostgresFeedbackStore(
  pool: Pool,
  options: Omit<BatchWriterOptions<FeedbackEvent>, 'insert' | 'name'>,
): PostgresFeedbackStore {
  const writer = createBatchWriter<FeedbackEvent>({
    ...options,
    name: 'feedback',
    insert: (events) =>
      insertRows(pool, 'kakao_faq_feedback', COLUMNS, events.map((e) => [e.at, e.rating, e.source, e.faqId, e.faqVersion, e.question, e.userKeyHash])),
  });
  return {
    writer,
    append: (event) => (writer.add(event) ? Promise.resolve() : Promise.reject(new FeedbackNotStoredError('buffer_full'))),
  };
}
