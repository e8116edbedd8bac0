/**
 * Adds reviewed suggestions (suggestions.ts) to FAQ entries as alternate questions: only those marked
 * `"accept": true`, each once per entry as the matcher sees it (questionKey), within the schema's length for a
 * question and at most {@link MAX_ALTERNATES_PER_ENTRY} per entry. Pure: the command reads and writes files.
 */
import { FAQ_FIELD_MAX, type FaqEntry } from '../../../faq/faq-schema';
import { asksAlready } from '../../../faq/question-key';
import type { ReviewedSuggestion } from './suggestions';

/**
 * Alternates per entry that `apply` fills up to. Every alternate is matched like the question, so a long tail
 * of them widens what an entry claims; past this, an operator should rewrite the question or split the entry.
 */
export const MAX_ALTERNATES_PER_ENTRY = 20;

export interface ApplyResult {
  /** All entries, with the accepted alternates added (same order; untouched entries are the same objects). */
  entries: FaqEntry[];
  added: { faqId: string; utterance: string }[];
  /** Accepted but not added, with why (already there, or the entry is full). */
  notAdded: { faqId: string; utterance: string; reason: string }[];
  /** Problems that make the file unusable as a whole: nothing should be written. */
  errors: string[];
}

export function applySuggestions(entries: readonly FaqEntry[], reviewed: readonly ReviewedSuggestion[]): ApplyResult {
  const index = new Map(entries.map((e, i) => [e.id, i]));
  const updated = [...entries];
  const result: ApplyResult = { entries: updated, added: [], notAdded: [], errors: [] };
  reviewed.forEach((s, i) => {
    if (!s.accept) return;
    const where = `suggestions[${i}] ("${s.utterance}")`;
    const at = index.get(s.faqId);
    if (at === undefined) {
      result.errors.push(`${where}: no entry has the id "${s.faqId}" (removed or renamed since suggest?)`);
      return;
    }
    const entry = updated[at]!;
    if (entry.question !== s.question) {
      result.errors.push(
        `${where}: stale: entry ${s.faqId}'s question is now "${entry.question}", not "${s.question}"; run suggest again`,
      );
      return;
    }
    const utterance = s.utterance.trim();
    if (utterance === '') return void result.errors.push(`${where}: the utterance is blank`);
    if (utterance.length > FAQ_FIELD_MAX.question) {
      return void result.errors.push(`${where}: longer than ${FAQ_FIELD_MAX.question} characters, the limit for a question`);
    }
    const notAdded = (reason: string) => result.notAdded.push({ faqId: s.faqId, utterance, reason });
    if (asksAlready(entry, utterance)) return void notAdded('already the question or an alternate');
    if (entry.alternateQuestions.length >= MAX_ALTERNATES_PER_ENTRY) return void notAdded(`the entry already has ${MAX_ALTERNATES_PER_ENTRY} alternates`);
    updated[at] = { ...entry, alternateQuestions: [...entry.alternateQuestions, utterance] };
    result.added.push({ faqId: s.faqId, utterance });
  });
  return result;
}
