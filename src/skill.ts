import type { FaqStore } from './faq/faq-store';
import type { QueryEmbedder } from './faq/understand';
import type { FusionModel } from './matcher';
import type { FeedbackRecorder } from './feedback/feedback';
import type { Handoff } from './handoff';
import type { SkillRequest, SkillResponse } from './kakao';
import type { Logger } from './log';

/**
 * The seam between the HTTP edge (`src/http`) and the skills (`skills/`). A skill is a plain
 * function from our {@link SkillRequest} to a Kakao {@link SkillResponse}; it never sees Express.
 */

export interface SkillContext {
  faq: FaqStore;
  /** Child logger carrying the request id. */
  log: Logger;
  requestId: string;
  /** Absolute URL of the full-answer page of an entry (from `PUBLIC_BASE_URL`). */
  answerUrl(faqId: string): string;
  /** Aborted when the deadline passes; long work should check it and stop. */
  signal: AbortSignal;
  /** Records answer ratings. Absent when the host wires none; a skill then logs that a rating was dropped. */
  feedback?: FeedbackRecorder;
  /** How to reach a person (`HANDOFF_MODE`); absent means `{ mode: 'none' }`. */
  handoff?: Handoff;
  /**
   * The semantic stage (src/faq/understand.ts): the query embedder and the fusion fitted for its model. Absent:
   * matching is lexical only.
   */
  understanding?: { semantic: QueryEmbedder; fusion: FusionModel };
  /**
   * Says that this reply was built in a passing condition (the semantic stage unavailable, or this FAQ version's
   * vectors not built yet), so the edge must not serve it again from its reply cache. Absent: nothing reuses.
   */
  doNotReuse?(): void;
}

export interface Skill {
  /** Stable kebab-case id: the URL segment (`/skill/<name>`), the log field and the fixture folder. */
  readonly name: string;
  handle(request: SkillRequest, context: SkillContext): SkillResponse | Promise<SkillResponse>;
  /**
   * Opt-in reply reuse (src/http/reply-cache.ts). A key that names every request field the reply depends on
   * besides the FAQ snapshot: two requests with the same key in the same snapshot get the same reply, and the
   * second one is answered without calling `handle`. Return undefined when the reply has side effects
   * (recording a rating) or depends on anything else; omit it to never reuse replies.
   */
  replyKey?(request: SkillRequest): string | undefined;
}

/** Replies the edge sends itself, so that Kakao always gets a bubble. */
export interface EdgeReplies {
  /** The skill threw or returned something that is not a valid SkillResponse. */
  internalError(): SkillResponse;
  /** The skill did not finish before the deadline. */
  deadlineExceeded(): SkillResponse;
}

const SKILL_NAME = /^[a-z][a-z0-9-]{0,40}$/;

export function defineSkill<S extends Skill>(skill: S): S {
  if (!SKILL_NAME.test(skill.name)) throw new Error(`skill name "${skill.name}" must be kebab-case`);
  return skill;
}

export type SkillRegistry = ReadonlyMap<string, Skill>;

export function createSkillRegistry(skills: readonly Skill[]): SkillRegistry {
  const registry = new Map<string, Skill>();
  for (const skill of skills) {
    if (registry.has(skill.name)) throw new Error(`two skills are named "${skill.name}"`);
    registry.set(skill.name, skill);
  }
  return registry;
}
