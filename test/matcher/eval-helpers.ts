/**
 * Shared by the accuracy tests and the report script: load a labelled JSONL set, run matcher + decide,
 * and count outcomes. Labels are indices into data/faq.json entries; [] means out of domain.
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
} from '../../src/matcher';

export const ROOT = path.resolve(__dirname, '../..');

export interface LabelledCase {
  utterance: string;
  expected: number[];
  kind: string;
}

export type Verdict =
  | 'right-answer'
  | 'right-in-clarify'
  | 'clarify-without-right'
  | 'missed'
  | 'wrong-answer'
  | 'right-fallback'
  | 'ood-not-fallback';

export interface ScoredCase extends LabelledCase {
  verdict: Verdict;
  outcome: Outcome;
  hits: MatchHit[];
  top: MatchHit[];
}

export interface Summary {
  total: number;
  inDomain: number;
  outOfDomain: number;
  rightAnswer: number;
  rightInClarify: number;
  wrongAnswer: number;
  oodFallback: number;
  byKind: Record<string, Partial<Record<Verdict, number>> & { total: number }>;
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
  return readFileSync(path.join(ROOT, relativeFile), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledCase);
}

export function score(cases: readonly LabelledCase[], matcher: Matcher, docs: readonly MatchDocument[]): ScoredCase[] {
  return cases.map((c) => {
    const top = matcher.search(c.utterance, { limit: 5 });
    const { outcome, hits } = decide(top);
    const expectedIds = new Set(c.expected.map((i) => docs[i]?.id));
    let verdict: Verdict;
    if (expectedIds.size === 0) verdict = outcome === 'fallback' ? 'right-fallback' : 'ood-not-fallback';
    else if (outcome === 'answer') verdict = expectedIds.has(hits[0]?.id) ? 'right-answer' : 'wrong-answer';
    else if (outcome === 'clarify') {
      verdict = hits.some((h) => expectedIds.has(h.id)) ? 'right-in-clarify' : 'clarify-without-right';
    }
    else verdict = 'missed';
    return { ...c, verdict, outcome, hits, top };
  });
}

export function summarize(scored: readonly ScoredCase[]): Summary {
  const inDomain = scored.filter((c) => c.expected.length > 0).length;
  const outOfDomain = scored.length - inDomain;
  const count = (v: Verdict) => scored.filter((c) => c.verdict === v).length;
  const byKind: Summary['byKind'] = {};
  for (const c of scored) {
    const row = (byKind[c.kind] ??= { total: 0 });
    row.total++;
    row[c.verdict] = (row[c.verdict] ?? 0) + 1;
  }
  return {
    total: scored.length,
    inDomain,
    outOfDomain,
    rightAnswer: count('right-answer') / Math.max(1, inDomain),
    rightInClarify: count('right-in-clarify') / Math.max(1, inDomain),
    // an OOD utterance answered with anything is also a wrong answer
    wrongAnswer:
      (count('wrong-answer') + scored.filter((c) => c.expected.length === 0 && c.outcome === 'answer').length) /
      Math.max(1, scored.length),
    oodFallback: count('right-fallback') / Math.max(1, outOfDomain),
    byKind,
  };
}
