import type { Server } from 'node:http';

/**
 * Socket timeouts for the public listener. Kakao's calls are small and must finish within 5 s, so a
 * client still sending headers after 10 s, or a request after 15 s, is broken or hostile
 * (slowloris); Node's defaults (60 s and 300 s) would let a few hundred such sockets sit for minutes.
 */
export interface ServerTimeouts {
  /** Time to receive the complete request headers (Node default 60 s). */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request, headers and body (Node default 300 s). */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive socket stays open; above the 60 s idle timeout of common proxies. */
  readonly keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above (Node default 30 s, which would let a slow socket live 40 s). */
  readonly connectionsCheckingIntervalMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 65_000,
  connectionsCheckingIntervalMs: 1_000,
});

/**
 * Applies {@link ServerTimeouts} to a server that is not listening yet (the checking interval is read when it
 * starts listening). Fields missing from `timeouts` keep their defaults, so `configureServer(server, config)`
 * works with any config object that carries some of them.
 */
export function configureServer(server: Server, timeouts: Partial<ServerTimeouts> = {}): Server {
  const t = { ...DEFAULT_SERVER_TIMEOUTS, ...definedOnly(timeouts) };
  server.headersTimeout = t.headersTimeoutMs;
  // Node enforces requestTimeout >= headersTimeout only in its constructor; keep that invariant here too.
  server.requestTimeout = Math.max(t.requestTimeoutMs, t.headersTimeoutMs);
  server.keepAliveTimeout = t.keepAliveTimeoutMs;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = t.connectionsCheckingIntervalMs;
  return server;
}

function definedOnly(timeouts: Partial<ServerTimeouts>): Partial<ServerTimeouts> {
  return Object.fromEntries(Object.entries(timeouts).filter(([key, value]) => key in DEFAULT_SERVER_TIMEOUTS && value !== undefined));
}
