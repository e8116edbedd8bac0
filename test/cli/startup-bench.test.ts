import { FAQ_FILE, bundledFaq } from '../harness';
import { measureStartup, processUsage, startupTargets, type StartupResult } from '../../src/cli/bench/startup-bench';

/**
 * `kakao-faq bench --startup` reads its figures from the right processes: the server itself with one worker,
 * each worker (not the primary) with two. The figures themselves are printed by the command, never asserted.
 */
describe('bench --startup', () => {
  it('reads RSS, peak RSS and CPU time of a process from /proc', async () => {
    const usage = await processUsage(process.pid);
    expect(usage.pid).toBe(process.pid);
    expect(usage.rssBytes).toBeGreaterThan(0);
    expect(usage.peakRssBytes).toBeGreaterThanOrEqual(usage.rssBytes);
    expect(usage.cpuMs).toBeGreaterThan(0);
  });

  it('with WORKERS=2, measures both workers apart from the primary, and stops the server', async () => {
    const entries = (await bundledFaq()).size;
    const result = await measureStartup({ label: 'bundled', file: FAQ_FILE, entries }, 2);
    expect(result.serving).toHaveLength(2);
    expect(new Set(result.serving.map((p) => p.pid)).size).toBe(2);
    expect(result.serving.map((p) => p.pid)).not.toContain(result.primary?.pid);
    expect(result.serving.every((p) => p.peakRssBytes > 0 && p.cpuMs > 0)).toBe(true);
    expect(result.allListeningMs).toBeGreaterThanOrEqual(result.healthyMs);
    await expect(processUsage(result.primary!.pid)).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it('fails a row over 10 s or over 1 GB per worker, or with a worker missing', () => {
    const row = (over: Partial<StartupResult>): StartupResult => ({
      faq: 'corpus',
      entries: 100_000,
      fileBytes: 1,
      workers: 1,
      healthyMs: 1_000,
      allListeningMs: 1_000,
      serving: [{ pid: 1, rssBytes: 1, peakRssBytes: 500 * 1024 * 1024, cpuMs: 1 }],
      primary: undefined,
      ...over,
    });
    const passes = (r: StartupResult) => startupTargets([r]).map((t) => t.pass);
    expect(passes(row({}))).toEqual([true, true]);
    expect(passes(row({ allListeningMs: 10_001 }))).toEqual([false, true]);
    expect(passes(row({ serving: [{ pid: 1, rssBytes: 1, peakRssBytes: 1024 * 1024 * 1024, cpuMs: 1 }] }))).toEqual([true, false]);
    expect(passes(row({ workers: 2 }))).toEqual([true, false]);
  });
});
