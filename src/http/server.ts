import http from 'node:http';
import type { Express } from 'express';

export interface ServerLimits {
  /** Largest total size of request headers; node answers 431 above it. */
  maxHeaderBytes: number;
  /** How long a client may take to send its headers (slow-loris guard). */
  headersTimeoutMs: number;
}

/**
 * The HTTP server around the app, with the limits a public server needs. Kakao waits at most 5 s, so a
 * request has 10 s in all; idle keep-alive sockets live a little longer than typical proxies keep theirs.
 */
export function createHttpServer(app: Express, limits: ServerLimits): http.Server {
  const requestTimeout = Math.max(10_000, limits.headersTimeoutMs);
  const server = http.createServer(
    { maxHeaderSize: limits.maxHeaderBytes, headersTimeout: limits.headersTimeoutMs, requestTimeout },
    app,
  );
  server.keepAliveTimeout = 65_000;
  return server;
}
