import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { loadAverage, processCpuMicros, treeCpuMicros, withCpuPerRequest } from '../../src/cli/loadtest/proc-cpu';

/** Burns `cpuMs` of its own CPU (measured by itself) each time it reads a line, then prints "burnt <pid>". */
const BURNER = `
const burn = (ms) => { const t = process.cpuUsage(); while (process.cpuUsage(t).user < ms * 1000) {} };
process.stdin.setEncoding('utf8').on('data', (d) => { for (const _ of d.trim().split('\\n')) { burn(400); process.stdout.write('burnt ' + process.pid + '\\n'); } });
process.stdout.write('ready ' + process.pid + '\\n');`;
/** Starts a burner as its child and idles, passing lines through both ways. */
const PARENT = `
const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(BURNER)}], { stdio: ['pipe', 'inherit', 'inherit'] });
process.stdin.pipe(c.stdin);`;

const started: ChildProcess[] = [];
const pids: number[] = [];
/** Lines each child printed that no `next` has taken yet. */
const unread = new Map<ChildProcess, string[]>();

function start(script: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  started.push(child);
  const lines: string[] = [];
  unread.set(child, lines);
  let rest = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
    child.emit('line');
  });
  return child;
}

/** Resolves with the pid in the next line "<word> <pid>" the child prints. */
async function next(child: ChildProcess, word: string): Promise<number> {
  const lines = unread.get(child)!;
  for (;;) {
    const at = lines.findIndex((l) => l.startsWith(`${word} `));
    if (at >= 0) {
      const pid = Number(lines.splice(at, 1)[0]!.split(' ')[1]);
      pids.push(pid);
      return pid;
    }
    await once(child, 'line');
  }
}

afterEach(async () => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
});

describe('CPU per process from /proc', () => {
  it('reports more CPU for a process that burnt 400 ms of CPU than for an idle one', async () => {
    const busy = start(BURNER);
    const idle = start(BURNER);
    await Promise.all([next(busy, 'ready'), next(idle, 'ready')]);
    busy.stdin!.write('go\n');
    await next(busy, 'burnt');
    const busyUs = processCpuMicros(busy.pid!);
    const idleUs = processCpuMicros(idle.pid!);
    expect(busyUs).toBeGreaterThan(idleUs);
    // what the process counted itself, less one clock tick
    expect(busyUs).toBeGreaterThanOrEqual(390_000);
  });

  it('counts the CPU of the children (cluster workers) with the parent', async () => {
    const parent = start(PARENT);
    await next(parent, 'ready');
    parent.stdin!.write('go\n');
    await next(parent, 'burnt');
    expect(treeCpuMicros(parent.pid!) - processCpuMicros(parent.pid!)).toBeGreaterThanOrEqual(390_000);
  });

  it('divides the CPU used during a run by the requests it completed', async () => {
    const parent = start(PARENT);
    await next(parent, 'ready');
    const { result, cpuUsPerRequest } = await withCpuPerRequest(parent.pid!, async () => {
      parent.stdin!.write('go\ngo\n');
      await next(parent, 'burnt');
      await next(parent, 'burnt');
      return { requests: 4 };
    });
    expect(result.requests).toBe(4);
    expect(cpuUsPerRequest).toBeGreaterThanOrEqual(780_000 / 4);
    const none = await withCpuPerRequest(parent.pid!, async () => ({ requests: 0 }));
    expect(none.cpuUsPerRequest).toBeNull();
  });

  it('reads nothing for a process that is gone, and the load average as /proc has it', () => {
    expect(processCpuMicros(2 ** 22 + 1)).toBe(0);
    expect(treeCpuMicros(2 ** 22 + 1)).toBe(0);
    expect(loadAverage()).toMatch(/^\d+\.\d+ \d+\.\d+ \d+\.\d+$/);
  });
});
