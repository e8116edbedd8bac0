import type { FaqEntry } from './faq/faq-schema';
import type { FaqStore } from './faq/faq-store';
import type { QueryEmbedder } from './faq/understand';
import type { FusionModel } from './matcher';
import type { FeedbackRating, FeedbackRecorder } from './feedback/feedback';
import type { Handoff } from './handoff';
import type { ClipReporter, SkillRequest, SkillResponse } from './kakao';
import type { Logger } from './log';

/**
 * The seam between the HTTP edge (`src/http`) and the skills (`skills/`). A skill is a plain
 * function from our {@link SkillRequest} to a Kakao {@link SkillResponse}; it never sees Express.
 *
 * The edge (src/http) sees the FAQ side only through this file, and only as types: the FAQ sets it answers
 * from and the feedback recorder (re-exported below), the replies it sends itself ({@link EdgeReplies}) and
 * what the answer pages show ({@link AnswerPages}). The last two are implemented in `skills/` and handed to
 * `createApp` where the app is assembled (src/main.ts, test/harness).
 */

export type { FaqSets } from './faq/sets/set-selection';
export type { FaqSnapshot } from './faq/sets/reloadable-set';
export type { FeedbackRating, FeedbackRecorder };

/**
 * What a skill gets with each call. Pass it on whole: `log` and `signal` are made on first use (getters), so a
 * spread copy (`{ ...context }`) has neither.
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
  /**
   * Receives the content clips of this call's replies (src/kakao/clip.ts): pass it as `onClip` to every builder
   * that may clip. The server logs and counts them (src/clip-log.ts); absent: clips go unreported.
   */
  onClip?: ClipReporter;
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
  /** The user is over the per-user limit (USER_RATE_LIMIT): a polite bubble instead of an answer. */
  rateLimited(): SkillResponse;
}

/** An entry as its answer page shows it (`GET /faq/:id`). */
export interface AnswerPageEntry {
  readonly entry: FaqEntry;
  /** Version of the FAQ set it was read from (recorded with a rating from the page). */
  readonly faqVersion: string;
  /** Entries to link from its page, best first, read from the same snapshot as the entry. */
  related(limit: number): FaqEntry[];
  /** Where the whole text can be read when the answer is only part of the help-center text (`answerComplete: false`). */
  readonly helpCenterUrl?: string | undefined;
}

/**
 * What the answer pages (src/http/answer-page-route.ts, feedback-page-route.ts) ask of the FAQ side, so the
 * edge never reads FAQ data or records ratings itself.
 */
export interface AnswerPages {
  /** The entry `id` of FAQ set `set`; undefined when there is no such set or entry (or `id` cannot be an FAQ id). */
  find(set: string, id: string): AnswerPageEntry | undefined;
  /**
   * Somewhere to go from a dead link: one question from each of the largest services (at most `limit`) of
   * `set`, or of the default set when there is no set of that name.
   */
  suggestions(set: string, limit: number): FaqEntry[];
  /**
   * Records a rating cast on the page (`source: "page"`, no user key). Never rejects: a rating that cannot be
   * recorded is logged on `log` (a lost one only once per failing spell, by the store), and the visitor is
   * thanked all the same.
   */
  rate(page: AnswerPageEntry, rating: FeedbackRating, log: Logger): Promise<void>;
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
