import { rename, writeFile } from 'node:fs/promises';
import type { ReloadResult } from '../../src/faq/sets/reloadable-set';
import { singleSetLayout } from '../../src/faq/sets/sets-file';
import { openFaqSets, type LiveFaqSets } from '../../src/faq/sets/live-sets';
import { SkillResponseSchema } from '../../src/kakao';
import { silentLogger } from '../../src/log';
import { inProcessApp, kakaoPayload, serveLocally } from '../harness';
import { faqFileText, sampleDataDir, sampleEntries } from '../faq/sample-data';

/**
 * The server's promise to operators: the FAQ file can be rewritten while users are asking, and no request
 * is lost or answered from half-loaded or broken data. Real files in a temp dir, the real file watcher, real
 * HTTP on an ephemeral port, and requests that keep flowing until every rewrite has been seen.
 */

const WORKERS = 8;
const MIN_REQUESTS = 400;
const REQUESTS_AFTER_LAST_SWAP = 80;

type Health = { faqSets: Record<string, { reloadError?: { kind: string } }> };

interface Observed {
  status: number;
  body: unknown;
}

describe('reloading the FAQ under continuous requests', () => {
  let data: Awaited<ReturnType<typeof sampleDataDir>>;
  let sets: LiveFaqSets;
  let server: Awaited<ReturnType<typeof serveLocally>>;
  let baseUrl: string;
  const reloads: ReloadResult[] = [];
  const waiters: { accept(r: ReloadResult): boolean; resolve(r: ReloadResult): void }[] = [];

  /** Resolves with the first reload result (from now on) that `accept`s. Register before writing. */
  function nextReload(accept: (r: ReloadResult) => boolean): Promise<ReloadResult> {
    return new Promise((resolve) => waiters.push({ accept, resolve }));
  }

  beforeAll(async () => {
    data = await sampleDataDir();
    sets = await openFaqSets(singleSetLayout(data), {
      log: silentLogger,
      onReload(_set, result) {
        reloads.push(result);
        for (const w of waiters.splice(0)) (w.accept(result) ? w.resolve(result) : waiters.push(w));
      },
    });
    sets.watch({ debounceMs: 20 });
    server = await serveLocally(await inProcessApp({ faqSets: sets, feedback: null }));
    baseUrl = server.baseUrl;
  });

  afterAll(async () => {
    sets.close();
    await server.close();
    await data.cleanup();
  });

  it('loses no request, never serves broken data, and serves the new data afterwards', async () => {
    const generationOf = new Map<string, number>([[sets.current('default')!.store.version, 1]]);
    const observed: Observed[] = [];
    const failures: string[] = [];
    let stop = false;
    let target = MIN_REQUESTS;
    let reachedTarget: () => void = () => {};
    const targetReached = new Promise<void>((resolve) => (reachedTarget = resolve));

    const ask = async () => {
      try {
        const res = await fetch(`${baseUrl}/skill/faq`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(kakaoPayload('환불 계좌 등록은 어떻게 해요?')),
        });
        observed.push({ status: res.status, body: await res.json() });
      } catch (error) {
        failures.push(String(error));
      }
      if (observed.length + failures.length >= target) reachedTarget();
    };
    const worker = async () => {
      while (!stop) await ask();
    };
    const workers = Array.from({ length: WORKERS }, worker);

    const swapTo = async (generation: number, write: (text: string) => Promise<void>) => {
      const text = faqFileText(sampleEntries(generation));
      const swapped = nextReload((r) => r.status === 'swapped' && r.snapshot.store.get('faq-refund-account')!.answer.includes(`(버전 ${generation})`));
      await write(text);
      const result = await swapped;
      generationOf.set(result.snapshot.store.version, generation);
    };
    const breakWith = async (text: string) => {
      const failed = nextReload((r) => r.status === 'failed');
      await writeFile(data.faqFile, text);
      return failed;
    };
    // an editor's or deploy tool's save: write a temp file, rename it over the original
    const atomically = async (text: string) => {
      await writeFile(`${data.faqFile}.tmp-save`, text);
      await rename(`${data.faqFile}.tmp-save`, data.faqFile);
    };
    const inPlace = (text: string) => writeFile(data.faqFile, text);

    await swapTo(2, atomically);
    const truncated = await breakWith(faqFileText(sampleEntries(3)).slice(0, 200));
    expect(truncated.snapshot.store.get('faq-refund-account')!.answer).toContain('(버전 2)');
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
    expect(health.faqSets.default?.reloadError?.kind).toBe('invalid_json');
    await swapTo(3, inPlace);
    const blankAnswer = sampleEntries(4).map((e) => (e.id === 'faq-channel-add' ? { ...e, answer: '  ' } : e));
    const invalid = await breakWith(faqFileText(blankAnswer));
    expect((invalid as { error: Error }).error.message).toContain('(id faq-channel-add, question "채널 추가는 어떻게 하나요?") field answer: must not be blank');
    await swapTo(5, atomically);

    target = Math.max(MIN_REQUESTS, observed.length + failures.length + REQUESTS_AFTER_LAST_SWAP);
    await targetReached;
    stop = true;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(observed.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
    const generationsSeen = new Set<number>();
    for (const { status, body } of observed) {
      expect(status).toBe(200);
      expect(SkillResponseSchema.safeParse(body).success).toBe(true);
      const replyData = (body as { data: { faqSet: string; faqVersion: string; outcome: string; answer: string } }).data;
      expect(replyData.faqSet).toBe('default');
      const generation = generationOf.get(replyData.faqVersion);
      // every reply comes from a version that was loaded whole, and its answer from that same version
      expect(generation).toBeDefined();
      expect(replyData.outcome).toBe('answer');
      expect(replyData.answer).toContain(`(버전 ${generation})`);
      generationsSeen.add(generation!);
    }
    expect(generationsSeen.has(5)).toBe(true);
    expect(reloads.filter((r) => r.status === 'failed').length).toBeGreaterThanOrEqual(2);

    const last = await fetch(`${baseUrl}/skill/faq`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(kakaoPayload('환불 계좌 등록은 어떻게 해요?')),
    });
    expect(((await last.json()) as { data: { answer: string } }).data.answer).toContain('(버전 5)');
    const after = (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
    expect(after.faqSets.default).toEqual({ entries: 4, version: sets.current('default')!.store.version, loadedAt: expect.any(String) });
  });
});
