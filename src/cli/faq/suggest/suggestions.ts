/**
 * From evidence (evidence.ts) to the reviewable suggestions file of `npm run faq -- suggest`: utterances that
 * users showed mean an entry, grouped as the matcher sees them (questionKey), each a proposed alternate
 * question for an operator to accept (`"accept": true`) before `npm run faq -- apply` adds it.
 *
 * Nothing is suggested that would teach the matcher nothing or something wrong: an utterance that already
 * gets that entry's answer, one that is the entry's question or an alternate up to spacing and punctuation,
 * small talk, or a group that users picked for different entries (listed as a conflict for the reviewer).
 */
import { z } from 'zod';
import { smallTalkOf } from '../../../../skills/faq/parts/small-talk';
import type { FaqEntry } from '../../../faq/faq-schema';
import { asksAlready, questionKey } from '../../../faq/question-key';
import type { Evidence } from './evidence';

/** Example wordings kept per suggestion or conflict. */
const EXAMPLES = 5;

export interface Suggestion {
  /** The commonest wording of the group (by users): the alternate question `apply` adds (a reviewer may edit it). */
  utterance: string;
  faqId: string;
  /** The entry's question when suggested: for the reviewer, and `apply` refuses a file whose entry changed since. */
  question: string;
  /** Pieces of evidence (picks plus ratings). */
  count: number;
  /** Distinct users behind them. */
  users: number;
  evidence: { clarifyPicks: number; thumbsUp: number };
  /** Wordings of the group, used by most users first. */
  examples: string[];
  accept: boolean;
}

/** A group users tied to different entries: not suggested, shown so the reviewer can see the overlap. */
export interface Conflict {
  utterance: string;
  entries: { faqId: string; question: string; count: number }[];
  examples: string[];
}

/** Groups left out, by reason. */
export interface Skipped {
  alreadyAnswered: number;
  sameAsQuestion: number;
  smallTalk: number;
  belowMinCount: number;
  /** The entry is not in the FAQ file (removed since, another set's, or a 지식+ answer). */
  unknownEntry: number;
}

export interface SuggestionsFile {
  generatedAt: string;
  /** The FAQ data file the suggestions were checked against. */
  faqFile: string;
  minCount: number;
  suggestions: Suggestion[];
  conflicts: Conflict[];
  skipped: Skipped;
}

export interface SuggestOptions {
  minCount: number;
  /**
   * The entry the server answers `utterance` with (the same decision: see answered-by.ts), or undefined when
   * it clarifies or falls back.
   */
  answeredBy(utterance: string): Promise<string | undefined>;
}

interface Group {
  /** Each wording and the users who used it. */
  texts: Map<string, Set<string>>;
  users: Set<string>;
  byEntry: Map<string, { clarifyPicks: number; thumbsUp: number; users: Set<string> }>;
}

export async function buildSuggestions(
  evidence: readonly Evidence[],
  entries: readonly FaqEntry[],
  options: SuggestOptions,
): Promise<Pick<SuggestionsFile, 'suggestions' | 'conflicts' | 'skipped'>> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const skipped: Skipped = { alreadyAnswered: 0, sameAsQuestion: 0, smallTalk: 0, belowMinCount: 0, unknownEntry: 0 };
  const groups = new Map<string, Group>();
  const unknownGroups = new Set<string>();
  for (const e of evidence) {
    const key = questionKey(e.utterance);
    if (key === '') continue;
    if (!byId.has(e.faqId)) {
      unknownGroups.add(`${key}\u0000${e.faqId}`);
      continue;
    }
    const group = groups.get(key) ?? { texts: new Map(), users: new Set(), byEntry: new Map() };
    group.texts.set(e.utterance, (group.texts.get(e.utterance) ?? new Set()).add(e.userKeyHash));
    group.users.add(e.userKeyHash);
    const tally = group.byEntry.get(e.faqId) ?? { clarifyPicks: 0, thumbsUp: 0, users: new Set<string>() };
    tally[e.kind === 'clarifyPick' ? 'clarifyPicks' : 'thumbsUp'] += 1;
    tally.users.add(e.userKeyHash);
    group.byEntry.set(e.faqId, tally);
    groups.set(key, group);
  }
  skipped.unknownEntry = unknownGroups.size;

  const suggestions: Suggestion[] = [];
  const conflicts: Conflict[] = [];
  for (const group of groups.values()) {
    const examples = byFrequency(group.texts).slice(0, EXAMPLES);
    const utterance = examples[0]!;
    const tallies = [...group.byEntry];
    if (tallies.length > 1) {
      const rows = tallies.map(([faqId, t]) => ({ faqId, question: byId.get(faqId)!.question, count: t.clarifyPicks + t.thumbsUp }));
      conflicts.push({ utterance, entries: rows.sort((a, b) => b.count - a.count || a.faqId.localeCompare(b.faqId)), examples });
      continue;
    }
    const [faqId, tally] = tallies[0]!;
    const entry = byId.get(faqId)!;
    const count = tally.clarifyPicks + tally.thumbsUp;
    if (smallTalkOf(utterance) !== undefined) skipped.smallTalk += 1;
    else if (asksAlready(entry, utterance)) skipped.sameAsQuestion += 1;
    else if ((await options.answeredBy(utterance)) === faqId) skipped.alreadyAnswered += 1;
    else if (count < options.minCount) skipped.belowMinCount += 1;
    else {
      suggestions.push({
        utterance,
        faqId,
        question: entry.question,
        count,
        users: tally.users.size,
        evidence: { clarifyPicks: tally.clarifyPicks, thumbsUp: tally.thumbsUp },
        examples,
        accept: false,
      });
    }
  }
  suggestions.sort((a, b) => b.count - a.count || b.users - a.users || a.faqId.localeCompare(b.faqId) || a.utterance.localeCompare(b.utterance));
  conflicts.sort((a, b) => a.utterance.localeCompare(b.utterance));
  return { suggestions, conflicts, skipped };
}

/** Wordings used by most users first; among equals the shortest (fewest stray marks), then in text order. */
function byFrequency(users: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...users]
    .sort((a, b) => b[1].size - a[1].size || a[0].length - b[0].length || a[0].localeCompare(b[0]))
    .map(([text]) => text);
}

/**
 * What `apply` needs of a suggestions file, read loosely: a reviewer edits it by hand, so other fields may be
 * missing or changed, and only `utterance`, `faqId`, `question` and `accept` matter.
 */
export const ReviewedSuggestionsSchema = z.object({
  suggestions: z.array(
    z.looseObject({
      utterance: z.string(),
      faqId: z.string(),
      question: z.string(),
      accept: z.boolean().default(false),
    }),
  ),
});
export type ReviewedSuggestion = z.output<typeof ReviewedSuggestionsSchema>['suggestions'][number];
