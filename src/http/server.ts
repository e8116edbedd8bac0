import http from 'node:http';
import type { Express } from 'express';

export interface ServerLimits {
  /** Largest total size of request headers; node answers 431 above it. */
  maxHeaderBytes: number;
  /** How long a client may take to send its headers (slow-loris guard). */
  headersTimeoutMs: number;
  /** How long a client may take to send its whole request; default 10 s (never below `headersTimeoutMs`). */
  requestTimeoutMs?: number;
  /**
   * How often node enforces the two timeouts above. Node's default, 30 s, let a slow socket live up to 30 s
   * past its timeout (test/hardening/slow-clients.test.ts); default here 1 s.
   */
  connectionsCheckingIntervalMs?: number;
}

/**
 * The HTTP server around the app, with the limits a public server needs. Kakao waits at most 5 s, so a
 * request has 10 s in all; idle keep-alive sockets live a little longer than typical proxies keep theirs.
 */
export function createHttpServer(app: Express, limits: ServerLimits): http.Server {
  const requestTimeout = Math.max(limits.requestTimeoutMs ?? 10_000, limits.headersTimeoutMs);
  const server = http.createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout,
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs ?? 1_000,
    },
    app,
  );
  server.keepAliveTimeout = 65_000;
  // Set before the app runs, so even synchronous replies carry it.
  server.prependListener('request', (_req, res) => {
    if (draining.has(server)) res.setHeader('Connection', 'close');
  });
  return server;
}

const draining = new WeakSet<http.Server>();

/** How long a stopping server keeps serving while telling keep-alive clients to reconnect elsewhere. */
export function drainNoticeMs(graceMs: number): number {
  return Math.min(1000, graceMs);
}

/**
 * First step of a graceful stop: every reply from now on says `Connection: close`. Closing idle keep-alive
 * sockets at once races with a client that is just sending on one (a POST is not retried, so the user gets
 * nothing); after the notice period clients have moved to fresh connections and the server can close.
 */
export function startDraining(server: http.Server): void {
  draining.add(server);
}
