import type { RunSummary } from '../../src/cli/loadtest/drive';
import { formatHeader, formatMode } from '../../src/cli/loadtest/report-table';
import type { ModeResult } from '../../src/cli/loadtest/run-mode';
import type { Row } from '../../src/cli/loadtest/servers';
import { judgeTargets } from '../../src/cli/loadtest/targets';

const run = (rps: number, extra: Partial<RunSummary> = {}): RunSummary => ({ requests: rps * 10, rps, p50: 10, p99: 30, max: 80, errors: 0, non2xx: 0, seconds: 10, ...extra });
const row = (rps: number, cpuUsPerRequest: number | null, extra: Partial<RunSummary> = {}, cache?: Row['cache']): Row => ({ run: run(rps, extra), cpuUsPerRequest, cache });

/** A mode in which every target passes: shares 90%, 70% and 40% of the echo's 100 µs per request. */
function mode(workers: number, change: Partial<ModeResult> = {}): ModeResult {
  const rows = {
    workers,
    connections: 50,
    echo: row(5000, 100),
    edgeFloor: row(4000, 100 / 0.9),
    fuse: row(0, null, { requests: 0, errors: 250 }),
    uncached: row(1800, 100 / 0.4, {}, { hits: 0, misses: 18_000 }),
    skill: row(3000, 100 / 0.7, {}, { hits: 24_000, misses: 6000 }),
    reload: { entries: 100_000, row: row(2500, 150, { max: 150 }), reloads: 5, versionsSeen: ['a', 'b'], supported: true },
    outcomes: { answer: 70, fallback: 30 },
    ...change,
  };
  return { ...rows, targets: judgeTargets(rows) };
}

const verdicts = (r: ModeResult) => Object.fromEntries(r.targets.map((t) => [t.name.split(' ≥')[0]!.split(':')[0]!, t.pass]));

describe('the load test report', () => {
  it('prints every row, with CPU per request and both shares of the echo, and every target line', () => {
    const lines = formatMode(mode(2)).join('\n');
    for (const name of ['echo (bare Express 5)', 'edge only: fixed reply, no matching', 'naive Express + fuse.js, no cache', 'FAQ skill, cache off', 'FAQ skill, cache on', 'FAQ skill + reloads, 100,000 entries']) {
      expect(lines).toContain(name);
    }
    expect(lines).toMatch(/edge only[^\n]*111[^\n]*80%[^\n]*90%/);
    expect(lines).toMatch(/fuse\.js[^\n]* - [^\n]*250/);
    expect(lines.match(/^ {2}PASS {7}/gm)).toHaveLength(6);
    for (const target of ['edge floor ≥ 80%', 'cache on (Zipf traffic) ≥ 60%', 'cache off ≥ 35%', 'p99 < 50 ms at 50 connections', 'zero errors and non-2xx', 'reload under load (100,000 entries)']) {
      expect(lines).toContain(target);
    }
    expect(lines).toContain('outcomes served by the FAQ skill, cache on (from /metrics): answer 70.0%, fallback 30.0%');
  });

  it('judges the shares on CPU per request, the p99 at WORKERS=2 only, and the reload on failures and the worst request', () => {
    expect(mode(1).targets.some((t) => t.name.startsWith('p99'))).toBe(false);
    const slow = mode(2, {
      edgeFloor: row(4900, 100 / 0.7),
      skill: row(3000, 100 / 0.5, { p99: 60 }),
      uncached: row(1000, 100 / 0.3),
      reload: { entries: 100_000, row: row(2000, 150, { max: 250 }), reloads: 5, versionsSeen: ['a', 'b'], supported: true },
    });
    expect(Object.values(verdicts(slow)).filter((v) => v === false)).toHaveLength(5);
    const failed = mode(2, { reload: { entries: 100_000, row: row(2000, 150, { non2xx: 1 }), reloads: 5, versionsSeen: ['a', 'b'], supported: true } });
    expect(failed.targets.at(-1)!.pass).toBe(false);
    expect(formatMode(slow).join('\n')).toMatch(/^ {2}FAIL {7}reload under load[^\n]*worst request 250 ms/m);
  });

  it('judges the reload on the requests sent from the first reload on, and shows the whole run worst too', () => {
    const reload = (max: number, watched: { max: number; slow: number; count?: number; from?: number }) =>
      mode(1, { reload: { entries: 100_000, row: row(2000, 150, { max, watched: { from: 1.04, maxAt: 7.46, count: 15_000, ...watched } }), reloads: 5, versionsSeen: ['a', 'b'], supported: true } });
    const startOnly = reload(250, { max: 150, slow: 0 });
    expect(startOnly.targets.at(-1)!.pass).toBe(true);
    expect(formatMode(startOnly).join('\n')).toMatch(
      /^ {2}PASS {7}reload under load[^\n]*from the first reload on \(1\.0 s into the run\): worst request 150 ms \(sent 7\.5 s in\), 0 over 200 ms; the whole run's worst 250 ms/m,
    );
    const during = reload(250, { max: 240, slow: 3 });
    expect(during.targets.at(-1)!.pass).toBe(false);
    expect(formatMode(during).join('\n')).toMatch(/worst request 240 ms \(sent 7\.5 s in\), 3 over 200 ms/);
    // nothing measured after the first reload is no pass
    for (const none of [reload(150, { max: 0, slow: 0, count: 0 }), reload(150, { max: 0, slow: 0, count: 0, from: undefined })]) {
      expect(none.targets.at(-1)!.pass).toBe(false);
      expect(formatMode(none).join('\n')).toMatch(/no request sent after the first reload completed/);
    }
  });

  it('says so when the reload server did not start or does not reload, instead of passing', () => {
    const refused = mode(2, { reload: { entries: 100_000, startError: 'server exited (1) while starting: too large', reloads: 0, versionsSeen: [], supported: false } });
    const text = formatMode(refused).join('\n');
    expect(text).toContain('FAQ skill + reloads, 100,000 entries: not run (server exited (1) while starting: too large)');
    expect(text).toMatch(/^ {2}FAIL {7}reload under load[^\n]*did not start/m);
    const stalled = mode(2, { reload: { entries: 100_000, row: row(0, null, { requests: 0 }), reloads: 2, versionsSeen: ['a', 'b'], supported: true } });
    expect(formatMode(stalled).join('\n')).toMatch(/^ {2}FAIL {7}reload under load[^\n]*no request completed/m);
    const unsupported = mode(2, { reload: { entries: 100_000, row: row(2000, 150), reloads: 3, versionsSeen: ['a'], supported: false } });
    expect(formatMode(unsupported).join('\n')).toMatch(/^ {2}NOT TESTED reload under load[^\n]*reload not supported/m);
  });

  it('prints the load average at the start and the end in the header', () => {
    const header = formatHeader({
      entries: 10_000,
      reloadEntries: 100_000,
      connections: 50,
      duration: 10,
      warmupSeconds: 3,
      traffic: 'some traffic',
      machine: '2 × cpu',
      matching: 'lexical',
      loadAverage: { start: '0.50 0.40 0.30', end: '1.90 1.00 0.50' },
    }).join('\n');
    expect(header).toContain('10,000 FAQ entries (reload phase: 100,000)');
    expect(header).toContain('load average (1, 5, 15 min): 0.50 0.40 0.30 at the start, 1.90 1.00 0.50 at the end');
  });
});
