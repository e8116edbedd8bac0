/**
 * Realistic request bodies for the load test. `distinct` different messages: chat-style questions generated
 * from the corpus (about 20% of them out of domain) and about 10% button presses naming an entry
 * (`clientExtra.faqId`). The traffic is `count` draws from them with Zipf-distributed popularity (exponent
 * `zipf`): a channel hears a few questions very often and a long tail once, as search and support query logs
 * do. Each draw comes from one of `users` users, at random.
 */
import { generateQueries, type FaqEntryLike } from '../corpus';
import { createRandom, deriveSeed } from '../corpus/random';
import { kakaoPayload } from '../../../test/harness';

export interface PayloadOptions {
  corpus: readonly FaqEntryLike[];
  /** Different messages (typed or tapped) the traffic is drawn from. */
  distinct: number;
  /** Bodies in the traffic sequence; the load test sends them in turn, round robin. */
  count: number;
  seed: number;
  /** Distinct user keys the bodies are spread over (a busy channel has many; the per-user limit stays idle). */
  users: number;
  /** Zipf exponent of message popularity: 0 = every message equally likely; 1 = the usual heavy head. */
  zipf: number;
}

/** What was generated, with the figure that decides how much a reply cache can help. */
export interface LoadTestTraffic {
  /** JSON bodies, ready to send. */
  bodies: string[];
  /** Share of the bodies whose message already came earlier in the sequence (typed and tapped alike). */
  repeatShare: number;
}

/** Cumulative Zipf weights over ranks 1..n, for drawing a rank by binary search. */
function zipfCdf(n: number, exponent: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let rank = 1; rank <= n; rank += 1) {
    sum += 1 / rank ** exponent;
    cdf[rank - 1] = sum;
  }
  for (let i = 0; i < n; i += 1) cdf[i]! /= sum;
  return cdf;
}

function drawIndex(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function loadTestTraffic({ corpus, distinct, count, seed, users, zipf }: PayloadOptions): LoadTestTraffic {
  // Messages in generation order are already shuffled across entries, so rank 1 is an arbitrary message.
  const messages = generateQueries({ corpus, count: distinct, seed }).map((query, i) => {
    const entry = corpus[(i * 7919) % corpus.length];
    return i % 10 === 9 && entry !== undefined
      ? { utterance: entry.question, clientExtra: { faqId: entry.id } as Record<string, unknown> }
      : { utterance: query.utterance, clientExtra: undefined };
  });
  const rng = createRandom(deriveSeed(seed, 'load-test-traffic'));
  const cdf = zipfCdf(messages.length, zipf);
  const seen = new Set<number>();
  let repeats = 0;
  const bodies: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const index = drawIndex(cdf, rng.next());
    if (seen.has(index)) repeats += 1;
    else seen.add(index);
    const message = messages[index]!;
    const userId = `loadtest-user-${String(rng.int(0, users - 1)).padStart(6, '0')}`;
    bodies.push(JSON.stringify(kakaoPayload(message.utterance, { userId, ...(message.clientExtra ? { clientExtra: message.clientExtra } : {}) })));
  }
  return { bodies, repeatShare: count === 0 ? 0 : repeats / count };
}
