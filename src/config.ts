import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { databaseConfig, DatabaseEnv, type DatabaseConfig } from './database-env';
import { byteSize } from './env-values';
import type { Handoff } from './handoff';
import { EdgeEnv, edgeConfig, type EdgeConfig } from './edge-env';
import { OperationsEnv, operationsConfig, type OperationsConfig } from './operations-env';
import { semanticConfig, SemanticEnv, type SemanticConfig } from './semantic-env';
import { SentSecretEnvSchema, SkillSecretHeaderEnv, type SentSecretEnv } from './skill-secret-env';

/**
 * The only reader of `process.env`. Values come from the environment, then from `.env` when present
 * (a missing `.env` is fine; a malformed value stops startup with a message naming the key).
 * Every key is listed with a comment in `.env.example`.
 */

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
  // 100,000 entries are about 80 MB (`kakao-faq corpus`); this admits 1.6 times that and still bounds the read.
  // The loader's own default (DEFAULT_MAX_DATA_FILE_BYTES) is the same; test/faq/faq-size-limit.test.ts keeps them so.
  FAQ_MAX_BYTES: byteSize.default(128 * 1024 * 1024),
  FAQ_SETS_FILE: z.string().min(1).optional(),
  FAQ_WATCH: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  FAQ_RELOAD_DEBOUNCE_MS: z.coerce.number().int().min(0).max(10000).default(300),
  FAQ_RELOAD_MAX_SHRINK: z.coerce.number({ error: 'must be a share between 0 and 1, such as 0.5' }).min(0).max(1).default(0.5),
  FAQ_RELOAD_FORCE_FILE: z.string().min(1).default('var/faq-reload-force'),
  FAQ_RELOAD_STAGGER_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
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
  ...EdgeEnv,
  ...DatabaseEnv,
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
  /** With WORKERS > 1, worker n starts each reload n × this later (src/cluster.ts). */
  faqReloadStaggerMs: number;
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
} & OperationsConfig & SemanticConfig & EdgeConfig & DatabaseConfig>;

/** Kept importable from here: the process and the feedback salt ask it of the configuration. */
export { DEFAULT_METRICS_PORT, isLoopbackHost } from './operations-env';

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

/** A configuration error naming one problem, for the key groups' own checks. */
const configProblem = (message: string): ConfigError => new ConfigError(`Invalid configuration:\n  - ${message}`);

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
    faqReloadStaggerMs: e.FAQ_RELOAD_STAGGER_MS,
    bodyLimitBytes: e.BODY_LIMIT,
    skillDeadlineMs: e.SKILL_DEADLINE_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    feedbackFile: path.resolve(root, e.FEEDBACK_FILE),
    embeddingsCacheDir: path.resolve(root, e.EMBEDDINGS_CACHE_DIR),
    fusionModelFile: path.resolve(root, e.FUSION_MODEL_FILE),
    handoff,
    ...operationsConfig(e, configProblem),
    ...semanticConfig(e, configProblem),
    ...edgeConfig(e),
    ...databaseConfig(e),
  });
}

/** HANDOFF_MODE=phone needs HANDOFF_PHONE and link needs HANDOFF_URL; a missing one stops startup. */
function handoffOf(e: z.infer<typeof EnvSchema>): Handoff {
  const missing = (key: string) => configProblem(`${key}: required when HANDOFF_MODE=${e.HANDOFF_MODE}`);
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

/** The environment a child process of ours runs with (the local model server, a benchmark's side): ours, plus `extra`. */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

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

/** DATABASE_URL from the environment and `.env`: where `report` and `faq suggest` read events when it is set. */
export function loadDatabaseConfig(): DatabaseConfig {
  loadDotenv({ quiet: true });
  return Object.freeze(databaseConfig(parseEnv(z.object(DatabaseEnv), process.env)));
}
