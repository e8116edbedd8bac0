import request from 'supertest';
import { captureLogger, inProcessApp, kakaoPayload } from '../harness';
import { reloadableFaq } from './reloadable-faq';

/** Yields to the event loop until `done()` holds; warming runs in slices between other work. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(done()).toBe(true);
}

describe('reply-cache warming', () => {
  it("answers the first call of an entry's question after a reload from the cache, with the reply a cold server builds", async () => {
    const { entry, faqSets, swaps, reload, version } = await reloadableFaq();
    const capture = captureLogger();
    const app = await inProcessApp({ faqSets, snapshotSwaps: swaps, log: capture.log, env: { REPLY_CACHE_WARM: 'true' } });
    const warmed = (v: string) => capture.lines.some((l) => l.msg === 'reply cache warmed' && l.faqVersion === v);
    await until(() => warmed(version()));

    const newVersion = reload('새 답변입니다.');
    await until(() => warmed(newVersion));
    const first = await request(app).post('/skill/faq').send(kakaoPayload(entry.question));
    expect(first.text).toContain('새 답변입니다.');
    const line = capture.lines.filter((l) => l.msg === 'skill call').at(-1)!;
    expect(line).toMatchObject({ cached: true, faqVersion: newVersion, outcome: 'answer', faqId: entry.id });

    // byte for byte what the same snapshot answers without any cache
    const cold = await inProcessApp({ faqSets, env: { REPLY_CACHE_ENTRIES: '0' } });
    expect((await request(cold).post('/skill/faq').send(kakaoPayload(entry.question))).text).toBe(first.text);
  });

  it('keeps no more replies than REPLY_CACHE_ENTRIES, and none when warming or the cache is off', async () => {
    const { faq, faqSets, swaps, version } = await reloadableFaq();
    const capture = captureLogger();
    await inProcessApp({ faqSets, snapshotSwaps: swaps, log: capture.log, env: { REPLY_CACHE_WARM: 'true', REPLY_CACHE_ENTRIES: '3' } });
    await until(() => capture.lines.some((l) => l.msg === 'reply cache warmed'));
    expect(capture.lines.find((l) => l.msg === 'reply cache warmed')).toMatchObject({ replies: 3, faqVersion: version() });
    expect(faq.entries.length).toBeGreaterThan(3);

    const off: Record<string, string>[] = [{ REPLY_CACHE_WARM: 'false' }, { REPLY_CACHE_WARM: 'true', REPLY_CACHE_ENTRIES: '0' }];
    for (const env of off) {
      const quiet = captureLogger();
      const app = await inProcessApp({ faqSets, snapshotSwaps: swaps, log: quiet.log, env });
      await request(app).post('/skill/faq').send(kakaoPayload(faq.entries[0]!.question));
      expect(quiet.lines.filter((l) => l.msg === 'reply cache warmed')).toEqual([]);
      expect(quiet.lines.find((l) => l.msg === 'skill call')!.cached).toBeUndefined();
    }
  });

  it('answers calls while it warms: the event loop is yielded between slices', async () => {
    const { faq, faqSets, swaps } = await reloadableFaq();
    const capture = captureLogger();
    const app = await inProcessApp({ faqSets, snapshotSwaps: swaps, log: capture.log, env: { REPLY_CACHE_WARM: 'true' } });
    // a few turns of the event loop go by with warming still under way: each turn warms one small slice
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(capture.lines.some((l) => l.msg === 'reply cache warmed')).toBe(false);
    const res = await request(app).post('/skill/faq').send(kakaoPayload('아무 말이나'));
    expect(res.status).toBe(200);
    await until(() => capture.lines.some((l) => l.msg === 'reply cache warmed'));
    expect(capture.lines.find((l) => l.msg === 'reply cache warmed')!.replies).toBeGreaterThan(0);
    expect(faq.entries.length).toBeGreaterThan(16);
  });
});
