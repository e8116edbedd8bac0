import { createBatchWriter, type BatchWriter, type BatchWriterOptions } from '../postgres/batch-writer';
import { insertRows, type Pool } from '../postgres/pool';

/**
 * Skill-call events for a shared store. The `"skill call"` log line (src/http/skill-call-log.ts) stays the
 * record of every call and the default store; with DATABASE_URL each call is also handed to a
 * {@link SkillCallSink}, with the same fields and the time it finished, so `report` and `faq suggest` see
 * every replica's calls in one place.
 */
export interface SkillCallEvent {
  /** ISO 8601 time the call finished. */
  readonly at: string;
  readonly skill: string;
  readonly status: string;
  readonly outcome: string;
  readonly faqId?: string;
  readonly confidence?: number;
  readonly botId?: string;
  readonly faqSet: string;
  readonly faqVersion: string;
  readonly input: 'text' | 'button';
  readonly userKeyHash?: string;
  readonly utterance?: string;
  readonly asked?: string;
  readonly ms: number;
  readonly cached?: true;
}

/** Takes an event and returns at once: the request never waits for the store. */
export interface SkillCallSink {
  add(event: SkillCallEvent): void;
}

const COLUMNS = [
  'at', 'skill', 'status', 'outcome', 'faq_id', 'confidence', 'bot_id', 'faq_set', 'faq_version',
  'input', 'user_key_hash', 'utterance', 'asked', 'ms', 'cached',
] as const;

function rowOf(e: SkillCallEvent): unknown[] {
  return [
    e.at, e.skill, e.status, e.outcome, e.faqId ?? null, e.confidence ?? null, e.botId ?? null, e.faqSet, e.faqVersion,
    e.input, e.userKeyHash ?? null, e.utterance ?? null, e.asked ?? null, e.ms, e.cached === true,
  ];
}

/** Skill calls into `kakao_faq_skill_calls`, batched off the request path (src/postgres/batch-writer.ts). */
export function createPostgresSkillCallSink(
  pool: Pool,
  options: Omit<BatchWriterOptions<SkillCallEvent>, 'insert' | 'name'>,
): SkillCallSink & { readonly writer: BatchWriter<SkillCallEvent> } {
  const writer = createBatchWriter<SkillCallEvent>({
    ...options,
    name: 'skill_calls',
    insert: (events) => insertRows(pool, 'kakao_faq_skill_calls', COLUMNS, events.map(rowOf)),
  });
  return { writer, add: (event) => void writer.add(event) };
}
