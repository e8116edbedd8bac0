import { faqSkill } from '../../skills/faq/faq-skill';
import type { FaqStore } from '../../src/faq/faq-store';
import type { Handoff } from '../../src/handoff';
import { SkillPayloadSchema, SkillResponseSchema, toSkillRequest, type ClipReporter, type SkillResponse } from '../../src/kakao';
import { silentLogger, type Logger } from '../../src/log';
import type { SkillContext } from '../../src/skill';
import { kakaoPayload, testFeedback } from '../harness';

/** One conversation turn of the faq skill, called the way the HTTP edge calls it. */

export const USER = 'user-key-of-someone-0001';

export interface Turn {
  clientExtra?: Record<string, unknown>;
  contexts?: unknown[];
  knowledges?: unknown[];
  handoff?: Handoff;
  feedback?: Pick<ReturnType<typeof testFeedback>, 'recorder'>;
  log?: Logger;
  /** Receives the turn's clip events, as the server's reporter does. */
  onClip?: ClipReporter;
  /** The full-answer page of an entry; `https://faq.example.com/faq/<id>` by default. */
  answerUrl?: (faqId: string) => string;
}

/** Sends `utterance` (with the turn's extra, contexts, 지식+ matches) and checks the reply against the schema. */
export async function ask(faq: FaqStore, utterance: string, turn: Turn = {}): Promise<SkillResponse> {
  const payload = kakaoPayload(utterance, { clientExtra: turn.clientExtra ?? {}, userId: USER });
  if (turn.contexts) payload.contexts = turn.contexts;
  if (turn.knowledges) {
    payload.intent = {
      id: 'kb',
      name: '지식+',
      extra: { reason: { code: 1, message: 'OK' }, knowledge: { responseType: 'skill', matchedKnowledges: turn.knowledges } },
    };
  }
  const context: SkillContext = {
    faq,
    log: turn.log ?? silentLogger,
    requestId: 'test',
    answerUrl: turn.answerUrl ?? ((id) => `https://faq.example.com/faq/${id}`),
    signal: new AbortController().signal,
    feedback: (turn.feedback ?? testFeedback()).recorder,
    ...(turn.handoff ? { handoff: turn.handoff } : {}),
    ...(turn.onClip ? { onClip: turn.onClip } : {}),
  };
  const response = await faqSkill.handle(toSkillRequest(SkillPayloadSchema.parse(payload)), context);
  const checked = SkillResponseSchema.safeParse(response);
  if (!checked.success) throw new Error(JSON.stringify(checked.error.issues));
  return response;
}

export type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export const outputs = (r: SkillResponse) => (r.template?.outputs ?? []) as Loose[];
export const chips = (r: SkillResponse) => (r.template?.quickReplies ?? []) as Loose[];
export const data = (r: SkillResponse) => r.data as Loose;
export const buttonsOf = (r: SkillResponse) => outputs(r).flatMap((o) => (o.textCard?.buttons ?? []) as Loose[]);
export const homeChip = (r: SkillResponse) => chips(r).find((q) => Array.isArray(q.extra?.browse) && q.extra.browse.length === 0);
