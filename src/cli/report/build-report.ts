/**
 * Turns skill-call log records and feedback into what an operator needs to decide which FAQ to write next:
 * the typed questions nothing answered and the ones that needed a "which one?" step, grouped as the matcher
 * sees them (questionKey: its normalizeText without spaces, so spacing, punctuation and repeated marks do not
 * split a group: "생일 케이크 예약돼요?" and "생일케이크 예약 돼요??" are one row), plus rates and per-FAQ
 * hits with feedback.
 */
import { questionKey } from '../../faq/question-key';
import { normalizeText } from '../../matcher';
import type { Feedback, SkillCall } from './read-events';

/** A pick made this long after a clarify by the same user counts as resolving that clarify. */
export const PICK_WINDOW_MS = 10 * 60 * 1000;
/** The `normalized` of the groups that are not a question: utterances not logged, or nothing left once normalised. */
export const NOT_LOGGED = '(utterance not logged)';
export const EMPTY = '(empty)';

export interface UtteranceGroup {
  /** The normalised form (normalizeText) of the group's commonest text; the group shares it up to spacing. */
  normalized: string;
  count: number;
  /** Distinct hashed user keys (0 when user keys were not logged). */
  users: number;
  /** The most frequent original text in the group. */
  example: string;
  lastSeen: number;
  /** Clarify groups: the entry users picked next most often, and how often. */
  picked?: { faqId: string; count: number };
}

export interface FaqRow {
  faqId: string;
  /** Calls answered with this entry: typed questions plus button picks. */
  answered: number;
  viaButton: number;
  up: number;
  down: number;
}

export interface Report {
  from: number | undefined;
  to: number | undefined;
  calls: number;
  /** Typed questions (not button presses, not refused by the rate limit). */
  questions: number;
  answered: number;
  clarified: number;
  fellBack: number;
  /** Error and timeout replies (the edge's apologies). */
  failed: number;
  rateLimited: number;
  answerRate: number;
  clarifyRate: number;
  fallbackRate: number;
  /** Share of clarify replies after which the same user picked a candidate. */
  clarifyResolvedRate: number;
  users: number;
  utterancesLogged: boolean;
  unanswered: UtteranceGroup[];
  clarifyHeavy: UtteranceGroup[];
  faqs: FaqRow[];
  feedback: { up: number; down: number };
}

export interface ReportOptions {
  /** Only records at or after this time (epoch ms). */
  since?: number;
  /** Rows per utterance table. */
  top?: number;
}

class Grouper {
  private groups = new Map<string, { count: number; users: Set<string>; texts: Map<string, number>; lastSeen: number; picks: Map<string, number> }>();

  add(call: SkillCall): string {
    const key = call.utterance === undefined ? NOT_LOGGED : questionKey(call.utterance) || EMPTY;
    const group = this.groups.get(key) ?? { count: 0, users: new Set(), texts: new Map(), lastSeen: 0, picks: new Map() };
    group.count += 1;
    if (call.userKeyHash) group.users.add(call.userKeyHash);
    const text = call.utterance ?? NOT_LOGGED;
    group.texts.set(text, (group.texts.get(text) ?? 0) + 1);
    group.lastSeen = Math.max(group.lastSeen, call.time);
    this.groups.set(key, group);
    return key;
  }

  pick(key: string, faqId: string): void {
    const group = this.groups.get(key);
    if (group) group.picks.set(faqId, (group.picks.get(faqId) ?? 0) + 1);
  }

  top(limit: number): UtteranceGroup[] {
    return [...this.groups]
      .map(([key, g]) => {
        const example = mostFrequent(g.texts)!;
        const normalized = key === NOT_LOGGED || key === EMPTY ? key : normalizeText(example);
        const row: UtteranceGroup = { normalized, count: g.count, users: g.users.size, example, lastSeen: g.lastSeen };
        const picked = mostFrequent(g.picks);
        if (picked !== undefined) row.picked = { faqId: picked, count: g.picks.get(picked)! };
        return row;
      })
      .sort((a, b) => b.count - a.count || b.users - a.users || a.normalized.localeCompare(b.normalized))
      .slice(0, limit);
  }
}

function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [key, count] of counts) if (count > bestCount) [best, bestCount] = [key, count];
  return best;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function buildReport(allCalls: readonly SkillCall[], allFeedback: readonly Feedback[], options: ReportOptions = {}): Report {
  const since = options.since ?? -Infinity;
  const top = options.top ?? 20;
  const calls = allCalls.filter((c) => c.time >= since).sort((a, b) => a.time - b.time);
  const feedback = allFeedback.filter((f) => f.at >= since);

  const unanswered = new Grouper();
  const clarify = new Grouper();
  const faqs = new Map<string, FaqRow>();
  const faqRow = (faqId: string) => {
    const row = faqs.get(faqId) ?? { faqId, answered: 0, viaButton: 0, up: 0, down: 0 };
    faqs.set(faqId, row);
    return row;
  };
  const openClarify = new Map<string, { key: string; time: number }>();
  const users = new Set<string>();
  let questions = 0, answered = 0, clarified = 0, fellBack = 0, failed = 0, rateLimited = 0, resolved = 0;
  let utterancesLogged = false;

  for (const call of calls) {
    if (call.userKeyHash) users.add(call.userKeyHash);
    if (call.utterance !== undefined) utterancesLogged = true;
    if (call.status === 'rate_limited' || call.outcome === 'rate_limited') {
      rateLimited += 1;
      continue;
    }
    if (call.outcome === 'answer' && call.faqId) {
      const row = faqRow(call.faqId);
      row.answered += 1;
      if (call.input === 'button') row.viaButton += 1;
    }
    const pending = call.userKeyHash ? openClarify.get(call.userKeyHash) : undefined;
    if (pending && call.userKeyHash) {
      openClarify.delete(call.userKeyHash);
      if (call.input === 'button' && call.outcome === 'answer' && call.faqId && call.time - pending.time <= PICK_WINDOW_MS) {
        clarify.pick(pending.key, call.faqId);
        resolved += 1;
      }
    }
    if (call.input !== 'text') continue;
    questions += 1;
    if (call.outcome === 'answer') answered += 1;
    else if (call.outcome === 'clarify') {
      clarified += 1;
      const key = clarify.add(call);
      if (call.userKeyHash) openClarify.set(call.userKeyHash, { key, time: call.time });
    } else if (call.outcome === 'fallback') {
      fellBack += 1;
      unanswered.add(call);
    } else if (call.outcome === 'error' || call.outcome === 'timeout') failed += 1;
  }

  let up = 0, down = 0;
  for (const f of feedback) {
    const row = faqRow(f.faqId);
    if (f.rating === 'up') {
      row.up += 1;
      up += 1;
    } else {
      row.down += 1;
      down += 1;
    }
  }

  return {
    from: calls[0]?.time,
    to: calls[calls.length - 1]?.time,
    calls: calls.length,
    questions,
    answered,
    clarified,
    fellBack,
    failed,
    rateLimited,
    answerRate: share(answered, questions),
    clarifyRate: share(clarified, questions),
    fallbackRate: share(fellBack, questions),
    clarifyResolvedRate: share(resolved, clarified),
    users: users.size,
    utterancesLogged,
    unanswered: unanswered.top(top),
    clarifyHeavy: clarify.top(top),
    faqs: [...faqs.values()].sort((a, b) => b.answered - a.answered || b.down - a.down || a.faqId.localeCompare(b.faqId)),
    feedback: { up, down },
  };
}

/** `7d`, `12h`, `30m`, `2w` before `now`, or an ISO date; undefined for undefined. */
export function parseSince(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const relative = /^(\d+)\s*(m|h|d|w)$/i.exec(value.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2]!.toLowerCase() as 'm' | 'h' | 'd' | 'w'];
    return now - Number(relative[1]) * unit;
  }
  const absolute = Date.parse(value);
  if (Number.isNaN(absolute)) throw new Error(`--since must look like 7d, 12h, 30m, 2w or a date such as 2026-11-01, got "${value}"`);
  return absolute;
}
