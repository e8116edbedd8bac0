import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateCorpus, generateQueries } from '../../src/cli/corpus';
import { createMatcher, parseSynonyms, type MatchHit } from '../../src/matcher';
import { SYNONYMS_FILE } from '../harness';

/**
 * A fixed set of searches over a synthetic corpus whose results were recorded before query analysis was
 * memoised and ranking skipped hopeless question variants (issue 15): the matcher's results must not change.
 * `npx tsx test/matcher/recorded-searches.ts` records them (only when results are meant to change).
 */

export const RECORDED_SEARCHES_FILE = path.join(__dirname, 'fixtures', 'searches.txt');

/** One line per search: its number and a digest of every hit's id and confidence (40 hits). */
export function searchDigests(): string[] {
  const synonyms = parseSynonyms(JSON.parse(readFileSync(SYNONYMS_FILE, 'utf8')));
  const corpus = generateCorpus({ size: 3000, seed: 7 });
  const matcher = createMatcher(corpus, { synonyms });
  const queries = generateQueries({ corpus, count: 2000, seed: 8 }).map((q) => q.utterance);
  const lines: string[] = [];
  const record = (hits: MatchHit[]) => lines.push(`${lines.length} ${createHash('sha256').update(JSON.stringify(hits)).digest('hex').slice(0, 16)}`);
  for (const q of queries) record(matcher.search(q, { limit: 40 }));
  for (const q of queries.slice(0, 300)) record(matcher.search(q, { limit: 12, contextCategories: corpus[0]!.categories }));
  // the same words again, now that the matcher has seen them: a memo must not change a result
  for (const q of queries.slice(0, 300)) record(matcher.search(q, { limit: 40 }));
  for (const e of corpus.slice(0, 300)) record(matcher.search(e.question, { limit: 12 }));
  return lines;
}

if (require.main === module) {
  require('node:fs').writeFileSync(RECORDED_SEARCHES_FILE, `${searchDigests().join('\n')}\n`);
}
