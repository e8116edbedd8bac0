import os from 'node:os';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import type { Handoff } from './handoff';
import { semanticConfig, SemanticEnv, type SemanticConfig } from './semantic-env';
import { SentSecretEnvSchema, SkillSecretHeaderEnv, type SentSecretEnv } from './skill-secret-env';

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

/** Production operation: logs, metrics, abuse limits and workers (docs/operating.md). */
const OperationsEnv = {
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

type OperationsConfig = {
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

function operationsConfig(e: z.output<z.ZodObject<typeof OperationsEnv>>): OperationsConfig {
  const metricsPort = e.METRICS_PORT === 'off' ? undefined : (e.METRICS_PORT ?? DEFAULT_METRICS_PORT);
  // Metrics name FAQ sets, traffic and failures: beyond loopback only a token holder may read them.
  if (metricsPort !== undefined && !isLoopbackHost(e.METRICS_HOST) && e.METRICS_TOKEN === undefined) {
    throw new ConfigError(
      `Invalid configuration:\n  - METRICS_TOKEN: required when METRICS_HOST (${e.METRICS_HOST}) is not a loopback address; ` +
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

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://faq.example.com' })
    .default('http://localhost:8080')
    .transform((u) => u.replace(/\/+$/, '')),
  SKILL_SECRET: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(16, 'must be at least 16 characters (not counting surrounding spaces and newlines) when set'))
    .superRefine(checkSecretCharacters)
    .optional(),
  SKILL_SECRET_HEADER: SkillSecretHeaderEnv,
  FAQ_FILE: z.string().min(1).default('data/faq.json'),
  SYNONYMS_FILE: z.string().min(1).default('data/synonyms.json'),
  FAQ_MAX_BYTES: byteSize.default(20 * 1024 * 1024),
  FAQ_SETS_FILE: z.string().min(1).optional(),
  FAQ_WATCH: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  FAQ_RELOAD_DEBOUNCE_MS: z.coerce.number().int().min(0).max(10000).default(300),
  FAQ_RELOAD_MAX_SHRINK: z.coerce.number({ error: 'must be a share between 0 and 1, such as 0.5' }).min(0).max(1).default(0.5),
  FAQ_RELOAD_FORCE_FILE: z.string().min(1).default('var/faq-reload-force'),
  BODY_LIMIT: byteSize.default(64 * 1024),
  SKILL_DEADLINE_MS: z.coerce.number().int().min(100).max(4500).default(3500),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60000).default(10000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FEEDBACK_FILE: z.string().min(1).default('var/feedback.jsonl'),
  EMBEDDINGS_CACHE_DIR: z.string().min(1).default('var/embeddings'),
  FUSION_MODEL_FILE: z.string().min(1).default('data/fusion-model.json'),
  HANDOFF_MODE: z.enum(['none', 'operator', 'phone', 'link']).default('none'),
  HANDOFF_PHONE: z.string().regex(/^\+?[\d\s().-]{3,30}$/, 'must be a phone number such as 1544-4293').optional(),
  HANDOFF_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ...OperationsEnv,
  ...SemanticEnv,
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
  /** Largest share of a set's entries one reload may remove (src/faq/reload-guard.ts). */
  faqReloadMaxShrink: number;
  /** A `touch` of this file lets one refused reload of each set past the shrink guard. */
  faqReloadForceFile: string;
  bodyLimitBytes: number;
  skillDeadlineMs: number;
  shutdownGraceMs: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Append-only JSONL file of answer ratings. */
  feedbackFile: string;
  /** Entry vectors on disk, one folder per model (src/semantic/vector-cache.ts). */
  embeddingsCacheDir: string;
  /** The fitted fusion of the lexical and semantic stages (`npm run eval -- --tune` writes it). */
  fusionModelFile: string;
  handoff: Handoff;
} & OperationsConfig & SemanticConfig>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The secret travels as an HTTP header value typed into Kakao's admin center, which sends it as typed.
 * Header values are bytes, not text: a non-ASCII character goes out as UTF-8 and arrives as different
 * characters, and a control character (an inner newline or tab) cannot be typed there at all. Either way
 * every skill call would get 401, so such a secret stops startup instead.
 */
function checkSecretCharacters(secret: string, ctx: z.core.$RefinementCtx<string>): void {
  const at = [...secret].findIndex((c) => c < ' ' || c > '~');
  if (at === -1) return;
  const char = [...secret][at]!;
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = char < ' ' || char === '\x7f' ? 'a control character' : 'a non-ASCII character';
  ctx.addIssue({
    code: 'custom',
    message:
      `has ${what} (${code}) at position ${at + 1}; use only printable ASCII (letters, digits, symbols), ` +
      'here and in the skill header in the chatbot admin center, which sends the value exactly as typed',
  });
}

/** Addresses only this machine can reach; listening anywhere else without SKILL_SECRET deserves a warning. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** Parses `env` with `schema`; an empty value means "unset" (as in `SKILL_SECRET=` in a .env file), never an empty secret. */
function parseEnv<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>): z.output<T> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Parses configuration from an environment map (tests pass their own). Throws {@link ConfigError}. */
export function parseConfig(env: Record<string, string | undefined>, root = process.cwd()): Config {
  const e = parseEnv(EnvSchema, env);
  const handoff = handoffOf(e);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    skillSecret: e.SKILL_SECRET,
    skillSecretHeader: e.SKILL_SECRET_HEADER,
    ...faqFilesOf(e, root),
    faqMaxBytes: e.FAQ_MAX_BYTES,
    faqWatch: e.FAQ_WATCH,
    faqReloadDebounceMs: e.FAQ_RELOAD_DEBOUNCE_MS,
    faqReloadMaxShrink: e.FAQ_RELOAD_MAX_SHRINK,
    faqReloadForceFile: path.resolve(root, e.FAQ_RELOAD_FORCE_FILE),
    bodyLimitBytes: e.BODY_LIMIT,
    skillDeadlineMs: e.SKILL_DEADLINE_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    feedbackFile: path.resolve(root, e.FEEDBACK_FILE),
    embeddingsCacheDir: path.resolve(root, e.EMBEDDINGS_CACHE_DIR),
    fusionModelFile: path.resolve(root, e.FUSION_MODEL_FILE),
    handoff,
    ...operationsConfig(e),
    ...semanticConfig(e, (message) => new ConfigError(`Invalid configuration:\n  - ${message}`)),
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

/** SKILL_SECRET and its header as `replay` and `fixture` send them: from the environment as it is, no `.env`. */
export const sentSecretFromEnvironment = (): SentSecretEnv => parseEnv(SentSecretEnvSchema, process.env);

/** Reads `.env` (if any) into the environment, then parses it. Call once, from `src/main.ts`. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}

/** Where the FAQ data is: all a tool reading it (`npm run report`) parses, so a server key it does not use cannot fail it. */
export type FaqFilesConfig = Pick<Config, 'faqFile' | 'synonymsFile' | 'faqSetsFile'>;
const FaqFilesEnvSchema = EnvSchema.pick({ FAQ_FILE: true, SYNONYMS_FILE: true, FAQ_SETS_FILE: true });

function faqFilesOf(e: z.output<typeof FaqFilesEnvSchema>, root: string): FaqFilesConfig {
  const faqSetsFile = e.FAQ_SETS_FILE === undefined ? undefined : path.resolve(root, e.FAQ_SETS_FILE);
  return { faqFile: path.resolve(root, e.FAQ_FILE), synonymsFile: path.resolve(root, e.SYNONYMS_FILE), faqSetsFile };
}

/** {@link FaqFilesConfig} from the environment and `.env`, like {@link loadConfig}. Throws {@link ConfigError}. */
export function loadFaqFilesConfig(): FaqFilesConfig {
  loadDotenv({ quiet: true });
  return Object.freeze(faqFilesOf(parseEnv(FaqFilesEnvSchema, process.env), process.cwd()));
}
