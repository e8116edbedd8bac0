/**
 * Everything query analysis (query.ts) reads, and its memos by word (word-memo.ts): built once per matcher, so
 * each matcher reads words against its own index, lexicon and synonyms.
 */
import type { CandidateIndex } from './candidate-index';
import type { Lexicon } from './lexicon';
import type { QueryTerm } from './query';
import type { SynonymIndex } from './synonyms';
import { WordMemo } from './word-memo';

export interface QueryContext {
  index: CandidateIndex;
  lexicon: Lexicon;
  synonyms: SynonymIndex;
  /** What each word typed reads as: its stems, and whether it is a verb or adjective. */
  words: WordMemo<{ stems: readonly string[]; predicate: boolean }>;
  /** The term each stem makes (query.ts, termFor); terms are shared by every query, and nothing changes them after. */
  terms: WordMemo<QueryTerm | undefined>;
}

export function queryContext(parts: { index: CandidateIndex; lexicon: Lexicon; synonyms: SynonymIndex }): QueryContext {
  return { ...parts, words: new WordMemo(), terms: new WordMemo() };
}
