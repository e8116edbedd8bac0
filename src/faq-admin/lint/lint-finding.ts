/**
 * The vocabulary of `faq lint`. Errors make the command fail (and should block a release of the data);
 * warnings are worth a look but the data works.
 */
export type Severity = 'error' | 'warning';

/** What a finding is about; stable names for `--json` consumers. */
export type LintRule =
  /** An entry or row that is not valid at all (from the schema or the importer). */
  | 'invalid-entry'
  /** A file that could not be read at all. */
  | 'invalid-file'
  /** More category levels than 지식+'s four. */
  | 'category-depth'
  /** landingUrl / imageUrl present but blank. */
  | 'empty-url'
  /** landingUrl / imageUrl malformed, not reachable from a phone, or (with --check-links) not answering. */
  | 'broken-url'
  /** Two entries share an id. */
  | 'duplicate-id'
  /** The same question twice under the same category path. */
  | 'duplicate-question'
  /** The same question under different category paths (the bot asks which one). */
  | 'same-question'
  /** Questions that differ only slightly, with their similarity. */
  | 'near-duplicate'
  /** A curated related question (`related`, the 관련질문 column) that names no entry. */
  | 'unknown-related'
  /** Asking an entry's own question (or alternate question) answers another entry or asks which one. */
  | 'match-collision'
  /** Asking an entry's own question finds nothing confident enough. */
  | 'unreachable'
  /** The answer is longer than an answer card shows; the rest is only on the answer page. */
  | 'answer-too-long'
  /** The question is longer than a card title shows. */
  | 'question-too-long'
  /** A word looks missing from the text ("받을 있나요"), as help-center search pages drop the searched word. */
  | 'missing-word'
  /** The answer ends (or starts) mid-sentence and is not marked `answerComplete: false`. */
  | 'answer-cut'
  /** A link whose host is punycode or whose path ends in percent-encoded Korean: it took in the text after it. */
  | 'url-swallows-text';

/** One thing `faq lint` found. */
export interface LintFinding {
  severity: Severity;
  rule: LintRule;
  /** One line for a human, naming the entries and the numbers involved. */
  message: string;
  /** Entries involved, the one the finding is about first. */
  entryIds: string[];
  /** For findings from reading the file: where in it ("line 12", "entries[3] (…)"). */
  location?: string;
  /** For duplicates: similarity of the two questions in [0, 1] (character-bigram Dice on normalised text). */
  similarity?: number;
}

/** Builds a {@link LintFinding}. */
export function finding(
  severity: Severity,
  rule: LintRule,
  message: string,
  entryIds: string[],
  extra: Partial<LintFinding> = {},
): LintFinding {
  return { severity, rule, message, entryIds, ...extra };
}

/** Short label of an entry for messages: `faq-1a2b3c4d5e6f "환불 계좌는…"`. */
export function entryLabel(entry: { id: string; question: string }): string {
  const q = [...entry.question];
  return `${entry.id} "${q.length > 30 ? `${q.slice(0, 30).join('')}…` : entry.question}"`;
}
