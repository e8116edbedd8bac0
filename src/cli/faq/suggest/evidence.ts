/**
 * Labelled evidence from traffic: a moment where a user showed which entry their own words meant.
 *
 * - **clarifyPick**: the user typed something, got "which one?", and tapped a candidate. The tap's log line
 *   carries the entry (`faqId`) and, since the `asked` field was logged, the typed question itself; on older
 *   logs the question is the same user's previous typed message that got `clarify`, when the tap came within
 *   {@link PICK_WINDOW_MS} and nothing else came between (the report's rule).
 * - **thumbsUp**: a 👍 rating in the feedback store, joined to the user's latest answer with that entry within
 *   {@link RATING_WINDOW_MS} before it: a typed question that got the answer, or a pick (its asked question).
 *   One rating per answer counts; a tap on a related question or a category carries no typed words and counts
 *   for nothing.
 *
 * Calls and ratings without a user key hash cannot be joined and are not evidence; neither are calls whose
 * utterance was not logged (LOG_UTTERANCES=false).
 */
import { PICK_WINDOW_MS } from '../../report/build-report';
import type { Feedback, SkillCall } from '../../report/read-events';

/** A rating this long after the answer it rates still counts (people read an answer before rating it). */
export const RATING_WINDOW_MS = 30 * 60 * 1000;
/** The feedback file and the log are stamped by different writers (perhaps other replicas): allow a little skew. */
const CLOCK_SKEW_MS = 5_000;

export type EvidenceKind = 'clarifyPick' | 'thumbsUp';

export interface Evidence {
  kind: EvidenceKind;
  /** What the user typed. */
  utterance: string;
  /** The entry the user showed it means. */
  faqId: string;
  userKeyHash: string;
  /** Epoch ms of the pick or the rating. */
  time: number;
}

/** An answer a user got, and the words that led to it (undefined: a tap without typed words). */
interface Answered {
  faqId: string;
  utterance: string | undefined;
  time: number;
  rated: boolean;
}

/** Evidence from skill-call records and ratings, oldest first; records before `since` are left out. */
export function collectEvidence(allCalls: readonly SkillCall[], allFeedback: readonly Feedback[], since = -Infinity): Evidence[] {
  const calls = allCalls.filter((c) => c.time >= since && c.userKeyHash).sort((a, b) => a.time - b.time);
  const evidence: Evidence[] = [];
  const openClarify = new Map<string, { utterance: string | undefined; time: number }>();
  const answers = new Map<string, Answered[]>();

  for (const call of calls) {
    const user = call.userKeyHash!;
    const pending = openClarify.get(user);
    openClarify.delete(user);
    if (call.status === 'rate_limited' || (call.outcome !== 'answer' && call.outcome !== 'clarify')) continue;
    if (call.input === 'text' && call.outcome === 'clarify') {
      openClarify.set(user, { utterance: call.utterance, time: call.time });
      continue;
    }
    if (call.outcome !== 'answer' || !call.faqId) continue;
    let utterance: string | undefined;
    if (call.input === 'text') utterance = call.utterance;
    else {
      const afterClarify = pending && call.time - pending.time <= PICK_WINDOW_MS ? pending.utterance : undefined;
      utterance = call.asked ?? afterClarify;
      if (utterance !== undefined) evidence.push({ kind: 'clarifyPick', utterance, faqId: call.faqId, userKeyHash: user, time: call.time });
    }
    const list = answers.get(user) ?? [];
    list.push({ faqId: call.faqId, utterance, time: call.time, rated: false });
    answers.set(user, list);
  }

  const ratings = allFeedback.filter((f) => f.rating === 'up' && f.at >= since && f.userKeyHash).sort((a, b) => a.at - b.at);
  for (const rating of ratings) {
    const answered = latestAnswer(answers.get(rating.userKeyHash!) ?? [], rating);
    if (!answered || answered.rated || answered.utterance === undefined) continue;
    answered.rated = true;
    evidence.push({ kind: 'thumbsUp', utterance: answered.utterance, faqId: rating.faqId, userKeyHash: rating.userKeyHash!, time: rating.at });
  }
  return evidence.sort((a, b) => a.time - b.time);
}

/** The user's latest answer with the rated entry that came before the rating, within the window. */
function latestAnswer(answered: readonly Answered[], rating: Feedback): Answered | undefined {
  for (let i = answered.length - 1; i >= 0; i -= 1) {
    const a = answered[i]!;
    if (a.time > rating.at + CLOCK_SKEW_MS) continue;
    if (rating.at - a.time > RATING_WINDOW_MS) return undefined;
    if (a.faqId === rating.faqId) return a;
  }
  return undefined;
}
