/**
 * Realistic request bodies for the load test: chat-style questions generated from the corpus (about 20%
 * of them out of domain), about 10% button presses naming an entry (`clientExtra.faqId`), from many users.
 */
import { generateQueries, type FaqEntryLike } from '../../corpus';
import { kakaoPayload } from '../kakao-payload';

export interface PayloadOptions {
  corpus: readonly FaqEntryLike[];
  count: number;
  seed: number;
  /** Distinct user keys the bodies are spread over (a busy channel has many; the per-user limit stays idle). */
  users: number;
}

/** JSON bodies, ready to send. */
export function loadTestBodies({ corpus, count, seed, users }: PayloadOptions): string[] {
  const queries = generateQueries({ corpus, count, seed });
  return queries.map((query, i) => {
    const userId = `loadtest-user-${String(i % users).padStart(6, '0')}`;
    const entry = corpus[(i * 7919) % corpus.length];
    const button = i % 10 === 9 && entry !== undefined;
    const body = button
      ? kakaoPayload(entry.question, { userId, clientExtra: { faqId: entry.id } })
      : kakaoPayload(query.utterance, { userId });
    return JSON.stringify(body);
  });
}
