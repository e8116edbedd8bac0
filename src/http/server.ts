import http from 'node:http';
import net from 'node:net';
import type { Express } from 'express';
import { guardConnections, type ConnectionTracker, type ShedReason } from './connection-guard';

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
  /** Most open connections (src/http/connection-guard.ts); unset: no cap. */
  maxConnections?: number;
}

/**
 * The HTTP server around the app, with the limits a public server needs. Kakao waits at most 5 s, so a
 * request has 10 s in all; idle keep-alive sockets live a little longer than typical proxies keep theirs.
 * `onShed` hears of every connection refused or closed at the connection cap.
 */
export function createHttpServer(app: Express, limits: ServerLimits, onShed?: (reason: ShedReason) => void): http.Server {
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
  closeSilentSockets(server, limits.headersTimeoutMs);
  trackers.set(server, guardConnections(server, limits.maxConnections, onShed));
  return server;
}

/**
 * node applies `headersTimeout` only once a request has begun, so a socket that connects and sends nothing
 * stays open for good (one slot of the connection cap each). It gets the headers timeout as an idle timeout
 * until its first request starts; from then on node's own timeouts (request, keep-alive) apply.
 */
function closeSilentSockets(server: http.Server, headersTimeoutMs: number): void {
  const silent = new WeakSet<object>();
  server.on('connection', (socket: net.Socket) => {
    silent.add(socket);
    socket.setTimeout(headersTimeoutMs); // node's handler destroys a socket that times out unclaimed
  });
  server.prependListener('request', (req) => {
    if (silent.delete(req.socket)) req.socket.setTimeout(0);
  });
}

const trackers = new WeakMap<http.Server, ConnectionTracker>();
const draining = new WeakSet<http.Server>();

/**
 * Stops accepting connections; the open ones are served as before. (node's `server.close()` would also
 * close idle keep-alive sockets at once, racing a client that is just sending its next request on one.)
 * In a cluster worker this takes the worker out of the primary's rotation before its reply returns.
 */
export function stopAccepting(server: http.Server): void {
  if (server.listening) net.Server.prototype.close.call(server);
}

/** How long a socket must have been idle before a stopping server closes it (see {@link drainServer}). */
function drainIdleMs(graceMs: number): number {
  return Math.min(1000, graceMs);
}

/**
 * Graceful stop, resolving with `drained` once no connection is left, or `forced` after `graceMs`:
 * 1. stop accepting (new connects are refused, so nothing is sent on a connection that will be cut);
 * 2. every reply not yet sent says `Connection: close`, so a keep-alive socket closes after its current
 *    response and the client opens a new connection (refused here, or taken by another replica);
 * 3. a socket idle for {@link drainIdleMs} is closed: a busy client sends its next request at once and gets
 *    case 2; one that stays idle has moved on.
 */
export async function drainServer(server: http.Server, graceMs: number): Promise<'drained' | 'forced'> {
  const tracker = trackers.get(server);
  stopAccepting(server);
  draining.add(server);
  if (!tracker) return 'drained';
  for (const res of tracker.inFlight()) if (!res.headersSent) res.setHeader('Connection', 'close');
  const idleMs = drainIdleMs(graceMs);
  const sweep = setInterval(() => tracker.closeIdle(idleMs), Math.max(10, idleMs / 10));
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'forced'>((resolve) => (timer = setTimeout(() => resolve('forced'), graceMs)));
  const how = await Promise.race([tracker.whenEmpty().then(() => 'drained' as const), graceOver]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (how === 'forced') server.closeAllConnections();
  return how;
}
