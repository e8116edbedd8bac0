/**
 * Shared by the accuracy tests and the report scripts: load a labelled JSONL set, run matcher + decide, and
 * score the outcomes with the verdicts of src/cli/eval/eval-set.ts (the ones `npm run eval` gives over HTTP).
 * Labels are indices into data/faq.json entries; [] means out of domain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createMatcher,
  decide,
  parseSynonyms,
  type MatchDocument,
  type Matcher,
  type MatchHit,
  type Outcome,
  type Thresholds,
} from '../../src/matcher';
import { expectedIdsOf, parseEvalSet, verdictFor, type EvalCase, type ScoredCase as EvalScoredCase } from '../../src/cli/eval/eval-set';

export { summarize, VERDICTS, type EvalSummary, type Verdict } from '../../src/cli/eval/eval-set';

export const ROOT = path.resolve(__dirname, '../..');

export type LabelledCase = EvalCase;

/** A labelled case scored through the matcher: the eval-set verdict, plus the hits behind it. */
export interface ScoredCase extends EvalScoredCase {
  outcome: Outcome;
  /** What `decide` kept: the answer, or the clarify candidates. */
  hits: MatchHit[];
  /** The matcher's top hits before deciding. */
  top: MatchHit[];
}

export function loadFaqDocs(): MatchDocument[] {
  const json = JSON.parse(readFileSync(path.join(ROOT, 'data/faq.json'), 'utf8')) as { entries: MatchDocument[] };
  return json.entries;
}

export function loadMatcher(docs: readonly MatchDocument[] = loadFaqDocs()): Matcher {
  const synonyms = parseSynonyms(JSON.parse(readFileSync(path.join(ROOT, 'data/synonyms.json'), 'utf8')));
  return createMatcher(docs, { synonyms });
}

export function loadCases(relativeFile: string): LabelledCase[] {
  return parseEvalSet(readFileSync(path.join(ROOT, relativeFile), 'utf8'), relativeFile);
}

/** Scores already-searched cases under some thresholds (the sweep re-decides the same hits many times). */
export function scoreHits(
  c: LabelledCase,
  top: MatchHit[],
  docs: readonly MatchDocument[],
  thresholds?: Thresholds,
): ScoredCase {
  const { outcome, hits } = decide(top, thresholds);
  const reply = {
    outcome,
    ...(outcome === 'answer' && hits[0] ? { faqId: hits[0].id } : {}),
    candidateIds: outcome === 'clarify' ? hits.map((h) => h.id) : [],
  };
  const expectedIds = expectedIdsOf(c, docs);
  return { ...c, verdict: verdictFor(expectedIds, reply), reply, outcome, hits, top };
}

export function score(cases: readonly LabelledCase[], matcher: Matcher, docs: readonly MatchDocument[]): ScoredCase[] {
  return cases.map((c) => scoreHits(c, matcher.search(c.utterance, { limit: 5 }), docs));
}
