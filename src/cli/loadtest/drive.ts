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
  /** The requests sent from `DriveOptions.watchFrom` on (the reload phase: from its first reload). */
  watched?: WatchedRequests;
}

export interface WatchedRequests {
  /** Seconds from the run's start. */
  from: number;
  /** The slowest of them (ms; 0 when none completed) and when it was sent, in seconds from the run's start. */
  max: number;
  maxAt: number;
  /** How many took longer than {@link SLOW_MS}. */
  slow: number;
}

/** A request slower than this is counted in {@link RunSummary.slow}: the reload target's bound. */
export const SLOW_MS = 200;

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
  /** Also report the requests sent from this many seconds into the run on ({@link RunSummary.watched}). */
  watchFrom?: number;
}

/** POSTs the bodies in turn (round robin) to `baseUrl + path` for `duration` seconds. */
export async function drive(options: DriveOptions): Promise<RunSummary> {
  const cursor = options.cursor ?? { next: 0 };
  const started = performance.now();
  const watched: WatchedRequests | undefined = options.watchFrom === undefined ? undefined : { from: options.watchFrom, max: 0, maxAt: 0, slow: 0 };
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
    if (watched) {
      instance.on('response', (_client, _status, _bytes, responseTime) => {
        const sentAt = (performance.now() - started - responseTime) / 1000;
        if (sentAt < watched.from) return;
        if (responseTime > SLOW_MS) watched.slow++;
        if (responseTime > watched.max) [watched.max, watched.maxAt] = [responseTime, sentAt];
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
    ...(watched ? { watched } : {}),
  };
}
