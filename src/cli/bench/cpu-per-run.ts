/**
 * CPU µs per run of a piece of work, over `n` runs after a warm-up of up to 500 (so the JIT has settled), from
 * process.cpuUsage: the benches' in-process figures (edge-bench.ts, body-read-bench.ts).
 */
export function cpuPerRun(n: number, work: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(n, 500); i++) work(i);
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) work(i);
  return microsSince(cpu) / n;
}

/** {@link cpuPerRun} for work that completes asynchronously: each run is awaited before the next. */
export async function cpuPerAsyncRun(n: number, work: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(n, 500); i++) await work(i);
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) await work(i);
  return microsSince(cpu) / n;
}

function microsSince(cpu: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(cpu);
  return used.user + used.system;
}
