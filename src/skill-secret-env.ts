import { z } from 'zod';

/**
 * The skill secret's header key of the environment, shared by the server (which checks the header) and the
 * admin command line (`replay` and `fixture` send it). Parsed by src/config.ts, which stays the only reader of
 * process.env.
 */

/** The header Kakao is set up to send the secret in when SKILL_SECRET_HEADER is not set. */
export const DEFAULT_SKILL_SECRET_HEADER = 'x-skill-secret';

export const SkillSecretHeaderEnv = z
  .string()
  .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
  .default(DEFAULT_SKILL_SECRET_HEADER)
  .transform((h) => h.toLowerCase());

/**
 * What `replay` and `fixture` send by default. SKILL_SECRET is taken as given, unchecked: a secret the server
 * would refuse is still worth sending, to see the 401 it gets.
 */
export const SentSecretEnvSchema = z.object({ SKILL_SECRET: z.string().optional(), SKILL_SECRET_HEADER: SkillSecretHeaderEnv });

export type SentSecretEnv = z.output<typeof SentSecretEnvSchema>;
