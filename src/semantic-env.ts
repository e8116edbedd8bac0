import { z } from 'zod';

/**
 * The semantic stage's keys of the environment (README "How matching works"), parsed by src/config.ts,
 * which stays the only reader of process.env.
 */
export const SemanticEnv = {
  SEMANTIC: z.enum(['auto', 'off'], { error: 'must be auto or off' }).default('auto'),
  EMBEDDINGS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8765 or https://api.openai.com/v1' }).optional(),
  EMBEDDINGS_MODEL: z.string().min(1).max(200).default('multilingual-e5-small'),
  EMBEDDINGS_API_KEY: z.string().trim().min(1).optional(),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(20).max(4000).optional(),
  EMBEDDINGS_LOCAL_PORT: z.coerce.number().int().min(1).max(65535).optional(),
};

export type SemanticConfig = Readonly<{
  /** `off`: lexical matching only, no embeddings service is called or started. */
  semantic: 'auto' | 'off';
  /** An OpenAI-compatible embeddings service; unset: the local model server when installed. */
  embeddingsUrl: string | undefined;
  embeddingsModel: string;
  embeddingsApiKey: string | undefined;
  /** How long a skill call waits for its query's vector before matching lexically. */
  embeddingsTimeoutMs: number;
  /** Port of the local model server on 127.0.0.1; undefined: any free port. */
  embeddingsLocalPort: number | undefined;
}>;

const DEFAULT_TIMEOUT_MS = 800;

type SemanticEnvValues = z.output<z.ZodObject<typeof SemanticEnv>>;

/** `problem(key, message)` builds the caller's configuration error. */
export function semanticConfig(e: SemanticEnvValues & { SKILL_DEADLINE_MS: number }, problem: (message: string) => Error): SemanticConfig {
  // Unset: 800 ms, or half the skill deadline when that is shorter, leaving time for a lexical answer.
  const timeoutMs = e.EMBEDDINGS_TIMEOUT_MS ?? Math.min(DEFAULT_TIMEOUT_MS, Math.floor(e.SKILL_DEADLINE_MS / 2));
  if (timeoutMs >= e.SKILL_DEADLINE_MS) {
    throw problem(`EMBEDDINGS_TIMEOUT_MS: must be below SKILL_DEADLINE_MS (${e.SKILL_DEADLINE_MS}), so a slow embeddings service still leaves time for a lexical answer`);
  }
  return {
    semantic: e.SEMANTIC,
    embeddingsUrl: e.EMBEDDINGS_URL,
    embeddingsModel: e.EMBEDDINGS_MODEL,
    embeddingsApiKey: e.EMBEDDINGS_API_KEY,
    embeddingsTimeoutMs: timeoutMs,
    embeddingsLocalPort: e.EMBEDDINGS_LOCAL_PORT,
  };
}
