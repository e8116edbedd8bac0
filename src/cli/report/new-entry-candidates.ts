/**
 * The unanswered questions as candidates for new FAQ entries (`npm run report -- --candidates out.csv`).
 * Groups that differ in more than spacing and punctuation but ask the same thing ("환불계좌 등록 어떻게 해요" /
 * "환불 계좌는 어떻게 등록하나요") are joined the way `faq lint` finds near-duplicate questions: on the
 * matcher's content stems (src/faq/lint/similarity.ts). Each cluster becomes one row in the import's columns:
 * 질문 the commonest wording, 유사질문 the other wordings, 답변 empty for the operator to write, ready for
 * `npm run faq -- import`.
 */
import { formatCsv } from '../../faq-admin/formats/csv-format';
import { NEAR_DUPLICATE_THRESHOLD } from '../../faq-admin/lint/duplicate-questions';
import { similarPairs } from '../../faq-admin/lint/similarity';
import { FAQ_FIELD_MAX, type FaqEntry } from '../../faq/faq-schema';
import { MAX_ALTERNATES_PER_ENTRY } from '../faq/suggest/apply-suggestions';
import { EMPTY, NOT_LOGGED, type UtteranceGroup } from './build-report';

export interface NewEntryCandidate {
  /** The commonest wording of the cluster's largest group. */
  question: string;
  /** The commonest wording of each other group, largest first. */
  alternates: string[];
  /** Unanswered questions in the cluster. */
  count: number;
}

/** Clusters of the unanswered groups, largest first, at most `limit`. */
export function newEntryCandidates(groups: readonly UtteranceGroup[], limit: number): NewEntryCandidate[] {
  const questions = groups
    .filter((g) => g.normalized !== NOT_LOGGED && g.normalized !== EMPTY)
    .sort((a, b) => b.count - a.count || b.users - a.users || a.example.localeCompare(b.example));
  const parent = questions.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const { a, b } of similarPairs(questions.map((g) => g.example), NEAR_DUPLICATE_THRESHOLD)) {
    const [ra, rb] = [root(a), root(b)];
    // the root stays the larger group (lower index), so it names the cluster
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const clusters = new Map<number, UtteranceGroup[]>();
  questions.forEach((g, i) => clusters.set(root(i), [...(clusters.get(root(i)) ?? []), g]));
  return [...clusters.values()]
    .map((members) => ({
      question: clip(members[0]!.example),
      alternates: members.slice(1, MAX_ALTERNATES_PER_ENTRY + 1).map((g) => clip(g.example)),
      count: members.reduce((n, g) => n + g.count, 0),
    }))
    .sort((a, b) => b.count - a.count || a.question.localeCompare(b.question))
    .slice(0, limit);
}

/** A logged utterance is clipped to 300 code points; a question may hold 300 UTF-16 units. */
function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= FAQ_FIELD_MAX.question ? trimmed : trimmed.slice(0, FAQ_FIELD_MAX.question).replace(/[\ud800-\udbff]$/, '');
}

/**
 * The candidates as an import sheet (the export's CSV layout and encoding). The rows are not entries yet: no
 * answer, no category, no id (import derives one), so they are written through the export's formatter as
 * drafts and become entries only when an operator fills in 답변 and imports them.
 */
export function candidatesCsv(candidates: readonly NewEntryCandidate[]): string {
  const drafts = candidates.map(
    (c) => ({ id: '', categories: [], question: c.question, alternateQuestions: c.alternates, keywords: [], answer: '' }) as FaqEntry,
  );
  return formatCsv(drafts);
}
