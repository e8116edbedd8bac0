/**
 * CPU time of a server process and every process under it (node:cluster workers), read from /proc: the sum
 * of utime + stime in /proc/<pid>/stat over the tree. The load test reads it before and after a run and
 * divides by the requests completed: CPU per request does not depend on how much of the machine autocannon
 * (or anyone else) took during the run, which throughput does.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of the /proc figures (USER_HZ); 100 on every Linux we run on. */
const TICKS_PER_SECOND = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(out.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

interface ProcStat { ppid: number; cpuTicks: number }

/** utime + stime (ticks) and the parent of one process; undefined when it has gone. */
function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces or ')': the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime field 14, stime field 15.
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** CPU time in µs used so far by `pid` alone. */
export function processCpuMicros(pid: number): number {
  return ((readStat(pid)?.cpuTicks ?? 0) * 1e6) / TICKS_PER_SECOND;
}

/** CPU time in µs used so far by `pid` and all its live descendants (a process that has exited is not counted). */
export function treeCpuMicros(pid: number): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (!stat) continue;
    ticks.set(Number(name), stat.cpuTicks);
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)]);
  }
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop()!;
    total += ticks.get(next) ?? 0;
    pending.push(...(children.get(next) ?? []));
  }
  return (total * 1e6) / TICKS_PER_SECOND;
}

/** Runs `run` and returns its result with the CPU µs per completed request of `pid`'s tree (null when none completed). */
export async function withCpuPerRequest<T extends { requests: number }>(
  pid: number,
  run: () => Promise<T>,
): Promise<{ result: T; cpuUsPerRequest: number | null }> {
  const before = treeCpuMicros(pid);
  const result = await run();
  const used = treeCpuMicros(pid) - before;
  return { result, cpuUsPerRequest: result.requests > 0 ? used / result.requests : null };
}

/** The 1-, 5- and 15-minute load averages from /proc/loadavg, as printed there. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown (no /proc/loadavg)';
  }
}
