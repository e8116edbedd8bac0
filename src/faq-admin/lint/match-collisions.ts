import type { FaqEntry } from '../../faq/faq-schema';
import type { FaqStore } from '../../faq/faq-store';
import { entryLabel, finding, type LintFinding } from './lint-finding';
import { questionKey } from './similarity';

/**
 * Asks the matcher each entry's own question and alternate questions, the way a user who read the FAQ
 * would. A text that answers another entry outright is an error (this entry cannot be reached by asking
 * for it); one that finds nothing is an error too; one that gets a which-one question is a warning, unless
 * the rivals are the same question under other categories (already reported as `same-question`).
 */
export function findMatchCollisions(store: FaqStore): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const entry of store.entries) {
    for (const text of [entry.question, ...entry.alternateQuestions]) {
      const result = checkText(store, entry, text);
      if (result) findings.push(result);
    }
  }
  return findings;
}

function checkText(store: FaqStore, entry: FaqEntry, text: string): LintFinding | undefined {
  const asked = text === entry.question ? 'its question' : `its alternate question "${text}"`;
  const match = store.match(text);
  const [top] = match.hits;
  const confidence = (id: string) => store.search(text, { limit: 10 }).find((h) => h.entry.id === id)?.confidence ?? 0;
  const score = (c: number) => c.toFixed(2);

  if (match.outcome === 'answer' && top) {
    if (top.entry.id === entry.id) return undefined;
    // The matcher returns one of several entries with the same question and answer (one text filed under two
    // services): answering the other is the same answer, and `same-question` already reports the repetition.
    if (isTwin(top.entry, entry)) return undefined;
    return finding(
      'error',
      'match-collision',
      `${entryLabel(entry)}: asking ${asked} answers ${entryLabel(top.entry)} (${score(top.confidence)}) instead ` +
        `(this entry: ${score(confidence(entry.id))})`,
      [entry.id, top.entry.id],
    );
  }
  if (match.outcome === 'clarify') {
    const rivals = match.hits.filter((h) => h.entry.id !== entry.id);
    const listed = match.hits.some((h) => h.entry.id === entry.id);
    const key = questionKey(entry.question);
    if (listed && rivals.every((h) => questionKey(h.entry.question) === key)) return undefined;
    const offered = match.hits.map((h) => `${entryLabel(h.entry)} (${score(h.confidence)})`).join(', ');
    return listed
      ? finding('warning', 'match-collision', `${entryLabel(entry)}: asking ${asked} gets a which-one question: ${offered}`, [
          entry.id,
          ...rivals.map((h) => h.entry.id),
        ])
      : finding(
          'error',
          'match-collision',
          `${entryLabel(entry)}: asking ${asked} offers only other entries: ${offered} (this entry: ${score(confidence(entry.id))})`,
          [entry.id, ...rivals.map((h) => h.entry.id)],
        );
  }
  return finding(
    'error',
    'unreachable',
    `${entryLabel(entry)}: asking ${asked} finds no confident match (best ${score(store.search(text, { limit: 1 })[0]?.confidence ?? 0)})`,
    [entry.id],
  );
}

function isTwin(a: FaqEntry, b: FaqEntry): boolean {
  const answer = (e: FaqEntry) => e.answer.replace(/\s+/g, ' ').trim();
  return questionKey(a.question) === questionKey(b.question) && answer(a) === answer(b);
}
