import { z } from 'zod';
import type { SkillRequest } from '../../../src/kakao';
import { KnowledgeExtraSchema } from './knowledge';

/**
 * What our own buttons and quick replies put in `extra`; it comes back as `action.clientExtra`.
 * Anything else there (another block's extra) is ignored rather than rejected.
 */
const FaqExtraSchema = z.object({
  /** An entry id (1-64 characters, see FAQ_ID_PATTERN) or a 지식+ id; anything longer names nothing. */
  faqId: z.string().max(64).optional().catch(undefined),
  /** A category path to list; `[]` lists the services. */
  browse: z.array(z.string()).max(4).optional().catch(undefined),
  page: z.number().int().min(0).max(1000).optional().catch(undefined),
  rephrase: z.boolean().optional().catch(undefined),
  menu: z.boolean().optional().catch(undefined),
  feedback: z.enum(['up', 'down']).optional().catch(undefined),
  /** The question of a rated 지식+ answer (ours are looked up by `faqId`). */
  question: z.string().max(300).optional().catch(undefined),
  /** What the user asked before tapping, carried for feedback and handoff. */
  asked: z.string().max(300).optional().catch(undefined),
  knowledge: KnowledgeExtraSchema.optional().catch(undefined),
});

/** The tap that sent this message, read from `clientExtra`; `{}` for a typed message. */
export type FaqTap = z.output<typeof FaqExtraSchema>;

/** True when the message came from one of our buttons or chips (or another block's), not from typing. */
export function isTap(request: SkillRequest): boolean {
  return Object.keys(request.clientExtra).length > 0;
}

export function readTap(request: SkillRequest): FaqTap {
  // typed messages (most calls) have no extra: skip parsing it
  return isTap(request) ? FaqExtraSchema.parse(request.clientExtra) : {};
}

/** A tap that carries `K` (what a route checked before handing it over). */
export type TapWith<K extends keyof FaqTap> = FaqTap & { [P in K]-?: NonNullable<FaqTap[P]> };
