import { z } from 'zod';
import { flag } from './env-values';

/**
 * The HTTP edge's keys of the environment (docs/operating.md), parsed by src/config.ts, which stays the only
 * reader of process.env.
 */
export const EdgeEnv = {
  VALIDATE_RESPONSES: flag.default(false),
  REPLY_CACHE_WARM: flag.default(true),
};

export type EdgeConfig = Readonly<{
  /**
   * Debug mode: every skill reply is checked against the full SkillResponse schema before it is sent (an invalid
   * one becomes the apology). Off in production, where the builders enforce the limits; on in the test harness.
   */
  validateResponses: boolean;
  /** When a FAQ snapshot starts serving, fill the reply cache with the replies to its own entry questions. */
  replyCacheWarm: boolean;
}>;

type EdgeEnvValues = z.output<z.ZodObject<typeof EdgeEnv>>;

export function edgeConfig(e: EdgeEnvValues): EdgeConfig {
  return { validateResponses: e.VALIDATE_RESPONSES, replyCacheWarm: e.REPLY_CACHE_WARM };
}
