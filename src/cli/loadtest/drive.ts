import autocannon from 'autocannon';

/** One autocannon run, reduced to what the load test reports. */
export interface RunSummary {
  requests: number;
  /** Mean requests per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Connection errors, timeouts included. */
  errors: number;
  non2xx: number;
  seconds: number;
  /** The requests sent from `DriveOptions.watch.since()` on (the reload phase: from its first SIGHUP). */
  watched?: WatchedRequests;
}

export interface WatchedRequests {
  /** When watching began, in seconds from the run's start; undefined when it never did. */
  from: number | undefined;
  /** How many of the requests sent since then completed. */
  count: number;
  /** The slowest of them (ms; 0 when none completed) and when it was sent, in seconds from the run's start. */
  max: number;
  maxAt: number;
  /** How many took longer than `DriveOptions.watch.slowMs`. */
  slow: number;
}

export interface DriveOptions {
  baseUrl: string;
  path: string;
  bodies: readonly string[];
  headers?: Record<string, string>;
  connections: number;
  /** Seconds; autocannon stops by itself after this. */
  duration: number;
  /**
   * Where in `bodies` to go on from; shared by consecutive runs against one server, so a measured run does
   * not replay what its warm-up already sent (a reply cache would see only repeats). Default: from the start.
   */
  cursor?: { next: number };
  /** Seconds a request may take before autocannon counts it as an error (timeout); default 10. */
  timeout?: number;
  /**
   * Also report the requests sent from `since()` on ({@link RunSummary.watched}): a `performance.now()` time,
   * undefined until the moment comes (the caller's event, e.g. its first SIGHUP, on the caller's clock).
   */
  watch?: { since: () => number | undefined; slowMs: number };
}

/** POSTs the bodies in turn (round robin) to `baseUrl + path` for `duration` seconds. */
export async function drive(options: DriveOptions): Promise<RunSummary> {
  const cursor = options.cursor ?? { next: 0 };
  const started = performance.now();
  const { watch } = options;
  const watched: Omit<WatchedRequests, 'from'> = { count: 0, max: 0, maxAt: 0, slow: 0 };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: options.duration,
        timeout: options.timeout ?? 10,
        requests: [
          {
            method: 'POST',
            path: options.path,
            headers: { 'content-type': 'application/json', ...options.headers },
            setupRequest: (request) => ({ ...request, body: options.bodies[cursor.next++ % options.bodies.length] }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    if (watch) {
      instance.on('response', (_client, _status, _bytes, responseTime) => {
        const sent = performance.now() - responseTime;
        const since = watch.since();
        if (since === undefined || sent < since) return;
        watched.count++;
        if (responseTime > watch.slowMs) watched.slow++;
        if (responseTime > watched.max) [watched.max, watched.maxAt] = [responseTime, (sent - started) / 1000];
      });
    }
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
    seconds: result.duration,
    ...(watch ? { watched: { ...watched, from: secondsSince(started, watch.since()) } } : {}),
  };
}

const secondsSince = (started: number, at: number | undefined): number | undefined => (at === undefined ? undefined : Math.max(0, (at - started) / 1000));
