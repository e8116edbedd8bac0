import path from 'node:path';
import { expectedIdsOf, readEvalSet, summarize, summarizeReply, verdictFor, type ScoredCase } from '../../src/cli/eval/eval-set';
import { bundledFaq, inProcessApp, kakaoPayload, postJson, ROOT, serveLocally } from '../harness';

/**
 * The shared dev set measured the way Kakao reaches us: every utterance through POST /skill/faq over real
 * HTTP. Floors sit a little under the current figures (see src/matcher/README.md) so regressions fail CI.
 */
describe('the dev set through POST /skill/faq', () => {
  let scored: ScoredCase[];

  beforeAll(async () => {
    const faq = await bundledFaq();
    const server = await serveLocally(await inProcessApp());
    try {
      scored = [];
      for (const c of await readEvalSet(path.join(ROOT, 'test/fixtures/dev.jsonl'))) {
        const { status, body } = await postJson(`${server.baseUrl}/skill/faq`, kakaoPayload(c.utterance));
        expect(status).toBe(200);
        const reply = summarizeReply(body);
        scored.push({ ...c, reply, verdict: verdictFor(expectedIdsOf(c, faq.entries), reply) });
      }
    } finally {
      await server.close();
    }
  });

  it('answers at least 88% of in-domain utterances with the right entry, top-1', () => {
    expect(summarize(scored).top1).toBeGreaterThanOrEqual(0.88);
  });

  it('gives a wrong answer to at most 3% of all utterances', () => {
    expect(summarize(scored).wrongAnswer).toBeLessThanOrEqual(0.03);
  });

  it('falls back on at least 90% of out-of-domain utterances', () => {
    expect(summarize(scored).oodFallback).toBeGreaterThanOrEqual(0.9);
  });
});
