import type { FaqEntry } from '../../faq/faq-schema';
import { resolveCuratedRelated } from '../../faq/related';
import { entryLabel, finding, type LintFinding } from './lint-finding';

/**
 * Curated related questions that name no entry (a typo, or an entry since deleted or reworded). The server
 * skips them, so the answer shows fewer picks than the operator chose: a warning, not an error.
 */
export function findUnknownRelated(entries: readonly FaqEntry[]): LintFinding[] {
  return resolveCuratedRelated(entries).unknown.map(({ entry, ref }) =>
    finding('warning', 'unknown-related', `${entryLabel(entry)}: related "${ref}" names no entry (neither an id nor a question)`, [entry.id]),
  );
}
