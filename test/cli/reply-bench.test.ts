import { runCommand } from '../../src/cli/command-line';
import { benchCommand } from '../../src/cli/bench/command';

/**
 * `kakao-faq bench --reply` runs the FAQ skill of this checkout and of a git baseline, each compiled by tsc, on the
 * same messages and reports both. The figures themselves are printed by the command, never asserted.
 */
describe('bench --reply', () => {
  it('times this checkout against the baseline on the same calls, with each side’s top functions', async () => {
    const args = ['--reply', '--entries', '300', '--queries', '40', '--passes', '1', '--rounds', '1', '--json'];
    // the command prints its table (here JSON) with console.log
    const code = await runCommand(benchCommand, args, { out: () => undefined, err: () => undefined });
    expect(code).toBe(0);
    const printed = JSON.parse(capturedLog.join('\n'));
    expect(printed.baseline).toBe('HEAD');
    expect(printed.corpora.map((c: { name: string; entries: number; calls: number }) => [c.name, c.entries, c.calls])).toEqual([
      ['bundled', 50, expect.any(Number)],
      ['synthetic', 300, 40],
    ]);
    for (const c of printed.corpora) {
      expect(c.baseline.best).toBeGreaterThan(0);
      expect(c.current.best).toBeGreaterThan(0);
      expect(Object.values(c.outcomes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(c.calls);
    }
    // both sides run their tree compiled as `npm start` runs it, not the TypeScript through tsx
    for (const top of [printed.top.current, printed.top.baseline] as { fn: string }[][]) {
      expect(top.length).toBeGreaterThan(0);
      expect(top.some((t) => /\((src|skills)\/.+\.js\)$/.test(t.fn))).toBe(true);
      expect(top.some((t) => /\((src|skills)\/.+\.ts\)$/.test(t.fn))).toBe(false);
    }
  }, 180_000);
});

const capturedLog: string[] = [];
beforeAll(() => jest.spyOn(console, 'log').mockImplementation((text: string) => void capturedLog.push(text)));
afterAll(() => jest.restoreAllMocks());
