/**
 * Public surface of the matcher: Korean-aware FAQ matching with a calibrated confidence, and the decision
 * rule that turns hits into answer / clarify / fallback. Imports nothing else from the project.
 */
export { createMatcher, matcherSteps } from './matcher';
export { runToEnd, sliceEnds, type BuildSteps } from './build-steps';
export type { MatchDocument, MatchHit, Matcher, MatcherOptions, SearchOptions } from './matcher';
export { decide, DEFAULT_THRESHOLDS } from './decide';
export type { Outcome, Thresholds } from './decide';
export { parseSynonyms } from './synonyms';
export type { SynonymTable } from './synonyms';
export { normalizeText } from './normalize';
export { contentStems, stemWord } from './stemming';
export { decideFused, fuseHits, decisionScore } from './fusion';
export type { FusedHit, FusionModel, SemanticScore } from './fusion';
