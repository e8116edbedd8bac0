import os from 'node:os';
import { z } from 'zod';
import { byteSize, flag } from './env-values';

/**
 * Production operation's keys of the environment: logs, metrics, abuse limits and workers
 * (docs/operating.md). Parsed by src/config.ts, which stays the only reader of process.env.
 */

const perWindow = z.coerce.number().int().min(0).max(1_000_000);

export const OperationsEnv = {
  LOG_UTTERANCES: flag.default(true),
  USER_KEY_SALT: z.string().min(16, 'must be at least 16 characters when set').optional(),
  METRICS_PORT: z
    .union([z.literal('off'), z.coerce.number().int().min(1).max(65535)], {
      error: 'must be a port number or off',
    })
    .optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters when set').optional(),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  USER_RATE_LIMIT: perWindow.default(30),
  IP_RATE_LIMIT: perWindow.default(300),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  MAX_HEADER_SIZE: byteSize.default(8 * 1024),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
  MAX_CONNECTIONS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(1_000_000)], { error: 'must be auto or 1-1000000' })
    .default('auto'),
  WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { error: 'must be auto or 1-64' })
    .default('auto'),
  REPLY_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  LOG_SYNC: flag.default(false),
  LOG_BUFFER_BYTES: byteSize
    .refine((n) => n >= 4 * 1024 && n <= 256 * 1024 * 1024, 'must be between 4kb and 256mb')
    .default(4 * 1024 * 1024),
};

export type OperationsConfig = {
  logUtterances: boolean;
  userKeySalt: string | undefined;
  /** Separate metrics listener; undefined when METRICS_PORT=off. */
  metricsPort: number | undefined;
  /** METRICS_PORT was not set: a clash on the default port is not fatal (src/http/metrics-route.ts). */
  metricsPortIsDefault: boolean;
  metricsHost: string;
  metricsToken: string | undefined;
  rateLimitWindowMs: number;
  /** Skill calls per user key per window; 0 = no limit. */
  userRateLimit: number;
  /** Requests per client IP per window on the non-skill routes; 0 = no limit. */
  ipRateLimit: number;
  /** Number of reverse proxies in front of the server whose X-Forwarded-For is trusted. */
  trustProxy: number;
  maxHeaderBytes: number;
  headersTimeoutMs: number;
  /** Open connections per process (src/http/connection-guard.ts); undefined = from the open-files limit. */
  maxConnections: number | undefined;
  /** Processes serving requests; 1 = no cluster. */
  workers: number;
  /** Replies kept per FAQ set version for questions asked again (src/http/reply-cache.ts); 0 = off. */
  replyCacheEntries: number;
  /** Write each log line before going on (slower); default: lines are written in the background. */
  logSync: boolean;
  /** Log bytes held while stdout cannot take them (src/log-destination.ts); past this, lines are dropped. */
  logBufferBytes: number;
};

export const DEFAULT_METRICS_PORT = 9464;

type OperationsEnvValues = z.output<z.ZodObject<typeof OperationsEnv>>;

/** `problem(message)` builds the caller's configuration error. */
export function operationsConfig(e: OperationsEnvValues, problem: (message: string) => Error): OperationsConfig {
  const metricsPort = e.METRICS_PORT === 'off' ? undefined : (e.METRICS_PORT ?? DEFAULT_METRICS_PORT);
  // Metrics name FAQ sets, traffic and failures: beyond loopback only a token holder may read them.
  if (metricsPort !== undefined && !isLoopbackHost(e.METRICS_HOST) && e.METRICS_TOKEN === undefined) {
    throw problem(
      `METRICS_TOKEN: required when METRICS_HOST (${e.METRICS_HOST}) is not a loopback address; ` +
        'set METRICS_TOKEN (16+ characters), or METRICS_HOST=127.0.0.1, or METRICS_PORT=off',
    );
  }
  return {
    logUtterances: e.LOG_UTTERANCES,
    userKeySalt: e.USER_KEY_SALT,
    metricsPort,
    metricsPortIsDefault: e.METRICS_PORT === undefined,
    metricsHost: e.METRICS_HOST,
    metricsToken: e.METRICS_TOKEN,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
    userRateLimit: e.USER_RATE_LIMIT,
    ipRateLimit: e.IP_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    maxHeaderBytes: e.MAX_HEADER_SIZE,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS === 'auto' ? undefined : e.MAX_CONNECTIONS,
    workers: e.WORKERS === 'auto' ? os.availableParallelism() : e.WORKERS,
    replyCacheEntries: e.REPLY_CACHE_ENTRIES,
    logSync: e.LOG_SYNC,
    logBufferBytes: e.LOG_BUFFER_BYTES,
  };
}

/** Addresses only this machine can reach; listening anywhere else without SKILL_SECRET deserves a warning. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}
