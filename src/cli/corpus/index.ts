/**
 * Synthetic FAQ corpora and user queries for benchmarks: `generateCorpus` and `generateQueries`, both
 * deterministic for a given seed. CLI: src/cli/corpus/generate.ts (`npm run corpus`).
 */
export { generateCorpus } from './generate-corpus';
export type { CorpusOptions, FaqEntryLike } from './generate-corpus';
export { generateQueries } from './generate-queries';
export type { GeneratedQuery, QueryKind, QueryOptions } from './generate-queries';
