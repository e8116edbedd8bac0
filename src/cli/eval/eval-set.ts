/**
 * Scoring a labelled utterance set against the FAQ skill's replies. Shared by `npm run eval`, the jest floor on
 * the dev set over HTTP, and the matcher's own accuracy tests and reports (test/matcher/eval-helpers.ts), so a
 * verdict has one definition.
 *
 * Line format: `{"utterance": "...", "expected": [...], "kind": "...", "split": "train" | "test"}`. `expected`
 * holds entry ids (data/eval/labelled.jsonl) or indices into the FAQ file's entries (the older
 * `../shared/eval/dev.jsonl` format); empty means the utterance is out of domain and should not be answered
 * from the FAQ (a fallback, a small-talk reply or a handoff are all right). `split` is absent in sets that
 * have none.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const EvalCaseSchema = z.object({
  utterance: z.string(),
  expected: z.array(z.union([z.number().int().nonnegative(), z.string().min(1)])),
  kind: z.string().default('unlabelled'),
  split: z.enum(['train', 'test']).optional(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

/** The expected entry ids of a case: ids as written, indices looked up in `entries` (`#i` when out of range). */
export function expectedIdsOf(c: Pick<EvalCase, 'expected'>, entries: readonly { id: string }[]): string[] {
  return c.expected.map((e) => (typeof e === 'string' ? e : (entries[e]?.id ?? `#${e}`)));
}

export async function readEvalSet(file: string): Promise<EvalCase[]> {
  return parseEvalSet(await readFile(file, 'utf8'), file);
}

/** Parses the text of a labelled set; `source` names it in error messages (`file:line: problem`). */
export function parseEvalSet(text: string, source: string): EvalCase[] {
  return text.split('\n').flatMap((line, i) => {
    if (!line.trim()) return [];
    const parsed = EvalCaseSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${source}:${i + 1}: ${parsed.error.issues[0]?.message}`);
    return [parsed.data];
  });
}

/** What the skill replied, reduced to what scoring needs. */
export interface ReplySummary {
  outcome: string;
  faqId?: string;
  candidateIds: string[];
}

export type Verdict = 'right-answer' | 'right-in-clarify' | 'wrong-answer' | 'clarify-without-right' | 'missed' | 'right-fallback' | 'ood-clarify';

/** Every verdict, in the order reports list them. */
export const VERDICTS: readonly Verdict[] = [
  'right-answer',
  'right-in-clarify',
  'clarify-without-right',
  'missed',
  'wrong-answer',
  'right-fallback',
  'ood-clarify',
];

export interface ScoredCase extends EvalCase {
  verdict: Verdict;
  reply: ReplySummary;
}

export function verdictFor(expectedIds: readonly string[], reply: ReplySummary): Verdict {
  if (expectedIds.length === 0) {
    if (reply.outcome === 'answer') return 'wrong-answer';
    return reply.outcome === 'clarify' ? 'ood-clarify' : 'right-fallback';
  }
  if (reply.outcome === 'answer') return expectedIds.includes(reply.faqId ?? '') ? 'right-answer' : 'wrong-answer';
  if (reply.outcome === 'clarify') {
    return reply.candidateIds.some((id) => expectedIds.includes(id)) ? 'right-in-clarify' : 'clarify-without-right';
  }
  return 'missed';
}

export interface EvalSummary {
  total: number;
  inDomain: number;
  outOfDomain: number;
  /** Share of in-domain utterances answered with a right entry (top-1). */
  top1: number;
  /** Share of in-domain utterances whose clarify carousel holds a right entry. */
  rightInClarify: number;
  /** Share of all utterances answered with a wrong entry (incl. out-of-domain ones answered). */
  wrongAnswer: number;
  /** Share of out-of-domain utterances that fell back. */
  oodFallback: number;
  byKind: Record<string, { total: number; counts: Partial<Record<Verdict, number>> }>;
}

export function summarize(cases: readonly ScoredCase[]): EvalSummary {
  const count = (pred: (c: ScoredCase) => boolean) => cases.filter(pred).length;
  const inDomain = count((c) => c.expected.length > 0);
  const outOfDomain = cases.length - inDomain;
  const byKind: EvalSummary['byKind'] = {};
  for (const c of cases) {
    const row = (byKind[c.kind] ??= { total: 0, counts: {} });
    row.total += 1;
    row.counts[c.verdict] = (row.counts[c.verdict] ?? 0) + 1;
  }
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    total: cases.length,
    inDomain,
    outOfDomain,
    top1: ratio(count((c) => c.verdict === 'right-answer'), inDomain),
    rightInClarify: ratio(count((c) => c.verdict === 'right-in-clarify'), inDomain),
    wrongAnswer: ratio(count((c) => c.verdict === 'wrong-answer'), cases.length),
    oodFallback: ratio(count((c) => c.verdict === 'right-fallback'), outOfDomain),
    byKind,
  };
}

/** Reads the fields scoring needs from a SkillResponse's `data`. */
export function summarizeReply(body: unknown): ReplySummary {
  const data = ((body as { data?: Record<string, unknown> } | undefined)?.data ?? {}) as {
    outcome?: unknown;
    faqId?: unknown;
    candidates?: { faqId?: unknown }[];
  };
  return {
    outcome: typeof data.outcome === 'string' ? data.outcome : 'none',
    ...(typeof data.faqId === 'string' ? { faqId: data.faqId } : {}),
    candidateIds: (data.candidates ?? []).map((c) => String(c.faqId)),
  };
}
