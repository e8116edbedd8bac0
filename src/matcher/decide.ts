/**
 * Turns ranked hits into what the skill does next: answer with the top entry, ask the user to pick among a
 * few candidates, or fall back. Pure function of the hits, so thresholds can be tuned without re-indexing.
 */
import type { MatchHit } from './matcher';

/** `answer`: reply with `hits[0]`; `clarify`: offer `hits` to choose from; `fallback`: no usable match. */
export type Outcome = 'answer' | 'clarify' | 'fallback';

/** Confidence levels, all in [0, 1]. See README.md in this folder for how they were chosen. */
export interface Thresholds {
  /** Minimum top confidence to answer outright. */
  answer: number;
  /** Minimum top confidence to offer candidates instead of falling back. */
  clarify: number;
  /** Minimum lead of the top hit over the runner-up to answer; below it, clarify. */
  minGap: number;
  /**
   * A lead this large answers from `leadFloor` up, below `answer`: when one entry explains the utterance far
   * better than any other, the runner-up's weakness is evidence too (the user's words may just be unusual).
   */
  clearLead: number;
  /** Lowest top confidence that a clear lead can turn into an answer. */
  leadFloor: number;
}

/**
 * Defaults calibrated on the labelled dev set and the project's own cases (test/fixtures); see README.md.
 * Near-duplicate entries (one question filed under iOS / 안드로이드 / Windows) score the same unless the
 * utterance names a platform, so the gap rule turns them into a "which one?" question.
 */
export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
  answer: 0.45,
  clarify: 0.4,
  minGap: 0.05,
  clearLead: 0.15,
  leadFloor: 0.38,
});

/** Candidates shown when clarifying: Kakao list cards and quick replies stay readable with five. */
export const MAX_CLARIFY = 5;
/** A clarify candidate must be within this distance of the top hit, so clearly worse hits are not offered. */
const CLARIFY_WINDOW = 0.15;

/**
 * Decides the outcome for hits sorted best first (as returned by `Matcher.search`).
 *
 * - answer: top ≥ `answer` and top − runner-up ≥ `minGap`; `hits` is the top hit alone.
 * - clarify: top ≥ `clarify` (but not a clear answer); `hits` are up to 5 hits within 0.15 of the top and
 *   above `clarify`.
 * - fallback: otherwise; `hits` is empty.
 */
export function decide(
  hits: readonly MatchHit[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): { outcome: Outcome; hits: MatchHit[] } {
  const sorted = [...hits].sort((a, b) => b.confidence - a.confidence);
  const [top, second] = sorted;
  if (!top) return { outcome: 'fallback', hits: [] };
  // confidences carry four decimals; the epsilon keeps 0.6 − 0.5 from falling short of a 0.1 gap
  const gap = top.confidence - (second?.confidence ?? 0) + 1e-9;
  const clearAnswer = top.confidence >= thresholds.answer && gap >= thresholds.minGap;
  const clearLead = top.confidence >= thresholds.leadFloor && gap >= thresholds.clearLead;
  if (clearAnswer || clearLead) return { outcome: 'answer', hits: [top] };
  if (!(top.confidence >= thresholds.clarify)) return { outcome: 'fallback', hits: [] };
  const floor = Math.max(thresholds.clarify, top.confidence - CLARIFY_WINDOW);
  return { outcome: 'clarify', hits: sorted.filter((h) => h.confidence >= floor).slice(0, MAX_CLARIFY) };
}
