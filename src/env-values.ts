import { z } from 'zod';

/**
 * Value parsers shared by the environment's key groups (src/config.ts and its `*-env.ts` modules), so a
 * size or a switch reads the same way under every key.
 */

/** A byte size such as 65536, 64kb or 1mb. */
export const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)?$/i, 'must be a size such as 65536, 64kb or 1mb')
  .transform((s) => {
    const match = /^(\d+)(b|kb|mb)?$/i.exec(s)!;
    const unit = (match[2] ?? 'b').toLowerCase();
    return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
  });

/** A switch written the ways people write one in a .env file. */
export const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
