import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { METRICS_MAX_CONNECTIONS, metricsMaxConnections } from '../src/http/metrics-route';
import { defaultMaxConnections, leavesTooFewDescriptors, raiseOpenFilesLimit, readOpenFilesLimit } from '../src/open-files-limit';

/** On a real process started with a low soft limit (util-linux prlimit; `sleep` never raises its own). */
describe('raiseOpenFilesLimit', () => {
  it('raises the soft open-files limit of a process to its hard limit and reports before and after', async () => {
    const child = spawn('prlimit', ['--nofile=64:300', 'sleep', '30'], { stdio: 'ignore' });
    try {
      // once prlimit has set the limit and exec'd sleep
      while (readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim() !== 'sleep') await new Promise((r) => setTimeout(r, 20));
      expect(readOpenFilesLimit(child.pid!)).toEqual({ soft: 64, hard: 300 });
      const result = raiseOpenFilesLimit(child.pid!);
      expect(result).toEqual({ before: { soft: 64, hard: 300 }, after: { soft: 300, hard: 300 } });
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('never throws: an unknown process is reported as unknown', () => {
    expect(raiseOpenFilesLimit(2 ** 22 + 12345)).toEqual({ before: undefined, after: undefined });
  });
});

describe('defaultMaxConnections', () => {
  it('leaves a quarter of the limit (at least 64 descriptors) for the process itself', () => {
    expect(defaultMaxConnections(1024)).toBe(768);
    expect(defaultMaxConnections(256)).toBe(192);
    expect(defaultMaxConnections(100)).toBe(36);
    expect(defaultMaxConnections(undefined)).toBe(768);
  });

  it('takes the metrics listener\'s cap out of the budget, so both listeners together still leave 64 descriptors', () => {
    for (const limit of [100, 150, 256, 300, 1024, 65536]) {
      const main = defaultMaxConnections(limit, METRICS_MAX_CONNECTIONS);
      expect([limit, leavesTooFewDescriptors(limit, main + metricsMaxConnections(main))]).toEqual([limit, false]);
    }
    // at 256 the main cap was 192, and with the metrics listener's 64 every descriptor was a connection
    expect(defaultMaxConnections(256, 64)).toBe(128);
    expect(leavesTooFewDescriptors(256, 192 + 64)).toBe(true);
    // a high limit keeps its three quarters
    expect(defaultMaxConnections(1024, 64)).toBe(768);
  });
});
