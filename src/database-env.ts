import { z } from 'zod';

/**
 * The shared store's keys of the environment (docs/operating.md "Many replicas"), parsed by src/config.ts,
 * which stays the only reader of process.env. Unset DATABASE_URL: the JSONL feedback file and the log
 * lines stay the store, as on one machine.
 */
export const DatabaseEnv = {
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL such as postgres://user:password@db:5432/kakao_faq')
    .optional(),
  EVENTS_BUFFER_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
};

export type DatabaseConfig = Readonly<{
  /** Feedback and skill-call events go to this PostgreSQL database; undefined: the files and the log. */
  databaseUrl: string | undefined;
  /** Events per kind waiting for the database; past it they are dropped and counted, never waited for. */
  eventsBufferMax: number;
}>;

type DatabaseEnvValues = z.output<z.ZodObject<typeof DatabaseEnv>>;

export function databaseConfig(e: DatabaseEnvValues): DatabaseConfig {
  return { databaseUrl: e.DATABASE_URL, eventsBufferMax: e.EVENTS_BUFFER_MAX };
}
