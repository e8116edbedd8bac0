import os from 'node:os';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import type { Handoff } from './handoff';

/**
 * The only reader of `process.env`. Values come from the environment, then from `.env` when present
 * (a missing `.env` is fine; a malformed value stops startup with a message naming the key).
 * Every key is listed with a comment in `.env.example`.
 */

const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)?$/i, 'must be a size such as 65536, 64kb or 1mb')
  .transform((s) => {
    const match = /^(\d+)(b|kb|mb)?$/i.exec(s)!;
    const unit = (match[2] ?? 'b').toLowerCase();
    return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  });

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const perWindow = z.coerce.number().int().min(0).max(1_000_000);

/** Production operation: logs, metrics, abuse limits and workers (README "Operating in production"). */
const OperationsEnv = {
  LOG_UTTERANCES: flag.default(true),
  USER_KEY_SALT: z.string().min(16, 'must be at least 16 characters when set').optional(),
  METRICS_PORT: z
    .union([z.literal('off'), z.coerce.number().int().min(1).max(65535)], {
      error: 'must be a port number or off',
    })
    .default(9464),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters when set').optional(),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  USER_RATE_LIMIT: perWindow.default(30),
  IP_RATE_LIMIT: perWindow.default(300),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  MAX_HEADER_SIZE: byteSize.default(8 * 1024),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
  WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], { error: 'must be auto or 1-64' })
    .default('auto'),
  REPLY_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  LOG_SYNC: flag.default(false),
};

type OperationsConfig = {
  logUtterances: boolean;
  userKeySalt: string | undefined;
  /** Separate metrics listener; undefined when METRICS_PORT=off. */
  metricsPort: number | undefined;
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
  /** Processes serving requests; 1 = no cluster. */
  workers: number;
  /** Replies kept per FAQ set version for questions asked again (src/http/reply-cache.ts); 0 = off. */
  replyCacheEntries: number;
  /** Write each log line before going on (slower); default: lines are written in the background. */
  logSync: boolean;
};

function operationsConfig(e: z.output<z.ZodObject<typeof OperationsEnv>>): OperationsConfig {
  return {
    logUtterances: e.LOG_UTTERANCES,
    userKeySalt: e.USER_KEY_SALT,
    metricsPort: e.METRICS_PORT === 'off' ? undefined : e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    metricsToken: e.METRICS_TOKEN,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
    userRateLimit: e.USER_RATE_LIMIT,
    ipRateLimit: e.IP_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    maxHeaderBytes: e.MAX_HEADER_SIZE,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    workers: e.WORKERS === 'auto' ? os.availableParallelism() : e.WORKERS,
    replyCacheEntries: e.REPLY_CACHE_ENTRIES,
    logSync: e.LOG_SYNC,
  };
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://faq.example.com' })
    .default('http://localhost:8080')
    .transform((u) => u.replace(/\/+$/, '')),
  SKILL_SECRET: z.string().min(16, 'must be at least 16 characters when set').optional(),
  SKILL_SECRET_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
    .default('x-skill-secret')
    .transform((h) => h.toLowerCase()),
  FAQ_FILE: z.string().min(1).default('data/faq.json'),
  SYNONYMS_FILE: z.string().min(1).default('data/synonyms.json'),
  FAQ_MAX_BYTES: byteSize.default(20 * 1024 * 1024),
  FAQ_SETS_FILE: z.string().min(1).optional(),
  FAQ_WATCH: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  FAQ_RELOAD_DEBOUNCE_MS: z.coerce.number().int().min(0).max(10000).default(300),
  BODY_LIMIT: byteSize.default(64 * 1024),
  SKILL_DEADLINE_MS: z.coerce.number().int().min(100).max(4500).default(3500),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60000).default(10000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FEEDBACK_FILE: z.string().min(1).default('var/feedback.jsonl'),
  HANDOFF_MODE: z.enum(['none', 'operator', 'phone', 'link']).default('none'),
  HANDOFF_PHONE: z.string().regex(/^\+?[\d\s().-]{3,30}$/, 'must be a phone number such as 1544-4293').optional(),
  HANDOFF_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ...OperationsEnv,
});

export type Config = Readonly<{
  port: number;
  host: string;
  publicBaseUrl: string;
  skillSecret: string | undefined;
  skillSecretHeader: string;
  faqFile: string;
  synonymsFile: string;
  /** Largest FAQ or synonyms file read; checked before reading, so a huge file fails fast. */
  faqMaxBytes: number;
  /** Maps bots to FAQ sets; undefined → one set, "default", from faqFile and synonymsFile. */
  faqSetsFile: string | undefined;
  faqWatch: boolean;
  faqReloadDebounceMs: number;
  bodyLimitBytes: number;
  skillDeadlineMs: number;
  shutdownGraceMs: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Append-only JSONL file of answer ratings. */
  feedbackFile: string;
  handoff: Handoff;
} & OperationsConfig>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses configuration from an environment map (tests pass their own). Throws {@link ConfigError}. */
export function parseConfig(env: Record<string, string | undefined>, root = process.cwd()): Config {
  // An empty value means "unset" (as in `SKILL_SECRET=` in a .env file), never an empty secret.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  const handoff = handoffOf(e);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    skillSecret: e.SKILL_SECRET,
    skillSecretHeader: e.SKILL_SECRET_HEADER,
    faqFile: path.resolve(root, e.FAQ_FILE),
    synonymsFile: path.resolve(root, e.SYNONYMS_FILE),
    faqMaxBytes: e.FAQ_MAX_BYTES,
    faqSetsFile: e.FAQ_SETS_FILE === undefined ? undefined : path.resolve(root, e.FAQ_SETS_FILE),
    faqWatch: e.FAQ_WATCH,
    faqReloadDebounceMs: e.FAQ_RELOAD_DEBOUNCE_MS,
    bodyLimitBytes: e.BODY_LIMIT,
    skillDeadlineMs: e.SKILL_DEADLINE_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    feedbackFile: path.resolve(root, e.FEEDBACK_FILE),
    handoff,
    ...operationsConfig(e),
  });
}

/** HANDOFF_MODE=phone needs HANDOFF_PHONE and link needs HANDOFF_URL; a missing one stops startup. */
function handoffOf(e: z.infer<typeof EnvSchema>): Handoff {
  const missing = (key: string) => new ConfigError(`Invalid configuration:\n  - ${key}: required when HANDOFF_MODE=${e.HANDOFF_MODE}`);
  switch (e.HANDOFF_MODE) {
    case 'phone':
      if (e.HANDOFF_PHONE === undefined) throw missing('HANDOFF_PHONE');
      return Object.freeze({ mode: 'phone', phone: e.HANDOFF_PHONE });
    case 'link':
      if (e.HANDOFF_URL === undefined) throw missing('HANDOFF_URL');
      return Object.freeze({ mode: 'link', url: e.HANDOFF_URL });
    default:
      return Object.freeze({ mode: e.HANDOFF_MODE });
  }
}

/** Reads `.env` (if any) into the environment, then parses it. Call once, from `src/main.ts`. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
