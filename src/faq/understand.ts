/**
 * Matching with meaning: the lexical matcher first, then, when it is not sure, the semantic stage (the
 * message's embedding against the snapshot's entry vectors), fused by src/matcher/fusion.ts. Never fails and
 * never waits past the query timeout: whenever the semantic stage has nothing to give (no service, no vectors
 * for this snapshot yet, a model the fusion was not fitted for, a failed or slow call), the lexical decision
 * stands.
 */
import { decide, decideFused, fuseHits, type FusionModel, type MatchHit, type SearchOptions } from '../matcher';
import { E5_QUERY_PREFIX } from '../semantic/embedder';
import { entryScores } from '../semantic/entry-scores';
import type { FaqMatch, FaqStore } from './faq-store';

/** What a skill needs of the semantic stage: a query's vector, or undefined when there is none to be had. */
export interface QueryEmbedder {
  readonly model: string;
  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array | undefined>;
}

/** How the match was made: the log and `npm run eval` show it. */
export type MatchStage =
  /** No semantic stage configured. */
  | 'lexical'
  /** The lexical answer was confident enough that the semantic stage was not asked. */
  | 'lexical-confident'
  /** The semantic stage was asked but gave no vector (down, slow, breaker open). */
  | 'lexical-degraded'
  /** The semantic stage is configured, but this FAQ version's entry vectors are not built yet. */
  | 'lexical-pending'
  | 'fused';

export interface UnderstoodMatch extends FaqMatch {
  stage: MatchStage;
}

export interface UnderstandOptions extends SearchOptions {
  semantic?: QueryEmbedder | undefined;
  fusion?: FusionModel | undefined;
  /** The request's deadline signal. */
  signal?: AbortSignal | undefined;
}

/** Lexical hits kept for fusion: both stages contribute their top candidates. */
const LEXICAL_CANDIDATES = 10;
/** Entries the semantic stage contributes. */
const SEMANTIC_CANDIDATES = 10;

export async function understand(store: FaqStore, utterance: string, options: UnderstandOptions = {}): Promise<UnderstoodMatch> {
  const { semantic, fusion, signal, ...searchOptions } = options;
  const lexicalHits = store.searchRaw(utterance, { ...searchOptions, limit: LEXICAL_CANDIDATES });
  const lexicalDecision = decide(lexicalHits, store.thresholds);
  const lexical = (stage: MatchStage): UnderstoodMatch => ({ ...store.toMatch(lexicalDecision), stage });
  if (!semantic || !fusion) return lexical('lexical');
  // the composition root pairs a service only with a fusion fitted for its model, and vectors come from it
  const vectors = store.vectors();
  if (!vectors) return lexical('lexical-pending');
  const top = lexicalDecision.hits[0];
  if (lexicalDecision.outcome === 'answer' && top && top.confidence >= fusion.skipSemanticAbove) return lexical('lexical-confident');
  const query = await semantic.embedQuery(E5_QUERY_PREFIX + utterance.trim(), signal);
  if (!query || query.length !== vectors.dims) return lexical('lexical-degraded');
  const ids = new Set<string>(vectors.nearest(query, SEMANTIC_CANDIDATES).map((n) => n.id));
  for (const hit of lexicalHits) ids.add(hit.id);
  const fused = decideFused(fuseHits(lexicalHits, entryScores(vectors, query, ids), fusion, store.twinKey), fusion);
  return { ...store.toMatch({ outcome: fused.outcome, hits: fused.hits as MatchHit[] }), stage: 'fused' };
}

