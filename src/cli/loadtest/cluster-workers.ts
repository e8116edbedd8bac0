import cluster from 'node:cluster';

/**
 * Runs `serve` in `workers` node:cluster workers (in this process when `workers` is 1), for the load test's
 * comparison servers; SIGTERM to the primary stops every worker, then the primary.
 */
export function runInWorkers(workers: number, serve: () => void): void {
  if (!cluster.isPrimary || workers <= 1) {
    serve();
    return;
  }
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  });
}
