/**
 * Fusion of the lexical matcher with a semantic stage (sentence embeddings, computed outside this module:
 * src/semantic). Pure and synchronous like the rest of the matcher: it takes the lexical hits and, per entry,
 * the best cosine similarity of the user's message to the entry's question (or an alternate) and to a passage
 * made of the question and the lead of its answer, and decides answer / clarify / fallback.
 *
 * Two small logistic models, fitted by `npm run eval -- --tune` on the training split only (fusion-model.ts):
 * 1. **Candidate score**: how likely this entry is the one meant, from its lexical confidence and its
 *    similarities (absolute, and relative to the best entry's). Ranks the union of both stages' candidates.
 * 2. **Decision score**: how likely the top candidate is right, from the top score, its lead over the
 *    runner-up, the top's lexical confidence and similarity, and the similarity lead. Out-of-domain messages
 *    land low here because no entry is near them in either space.
 * The decision score is then cut by two thresholds (answer, clarify) chosen by cross-validation.
 */
import type { MatchHit } from './matcher';
import { MAX_CLARIFY, type Outcome } from './decide';

/** Cosine similarities of the message to one entry's texts. */
export interface SemanticScore {
  id: string;
  /** Best over the entry's question and alternate questions (e5 `query: ` on both sides). */
  question: number;
  /** The entry as a passage: question and the lead of its answer (e5 `passage: `). */
  passage: number;
}

/** The fitted fusion: weights of both models and the decision thresholds. See fusion-model.ts. */
export interface FusionModel {
  /** Which embedding model the weights were fitted for; another model's similarities are not comparable. */
  embeddingModel: string;
  /** Similarities are centred on this value before weighting (e5 puts most pairs between 0.8 and 0.95). */
  center: number;
  candidateWeights: readonly number[];
  decisionWeights: readonly number[];
  /** Decision score at or above which the top candidate is answered. */
  answer: number;
  /** Decision score at or above which candidates are offered (clarify); below it, fall back. */
  clarify: number;
  /** A lexical answer at or above this confidence is kept without asking the semantic stage (1 = never). */
  skipSemanticAbove: number;
}

/** A fused candidate: `confidence` is the candidate score in [0, 1]. */
export interface FusedHit extends MatchHit {
  lexical: number;
  question: number;
  passage: number;
  /** Entries with one key ask one question (the same question filed per platform): see {@link decideFused}. */
  twinKey?: string;
}

/** The key entries asked with the same question share (e.g. the normalised question); absent: every entry is its own. */
export type TwinKeyOf = (id: string) => string | undefined;

const CANDIDATES_PER_STAGE = 10;
/** A clarify candidate's score must be at least this share of the top's, so clearly worse ones are not offered. */
const CLARIFY_SHARE = 0.35;
/** Lexical confidences closer than this do not tell twins apart (naming a platform moves them 0.06 or more). */
const TWIN_LEXICAL_TIE = 0.05;

/** The candidate model's features; index 0 is the intercept. */
function candidateFeatures(lexical: number, question: number, passage: number, bestSimilarity: number, center: number): number[] {
  const q = (question - center) * 10;
  const p = (passage - center) * 10;
  return [1, lexical, q, p, (Math.max(question, passage) - bestSimilarity) * 10, lexical * q];
}

/** The decision model's features for a ranked list (at least one hit); index 0 is the intercept. */
export function decisionFeatures(ranked: readonly FusedHit[], center: number): number[] {
  // the runner-up is the best entry that asks another question: twins of the top are one answer (per platform)
  const top = ranked[0]!;
  const second = ranked.find((h, i) => i > 0 && (h.twinKey === undefined || h.twinKey !== top.twinKey));
  const topSimilarity = Math.max(top.question, top.passage);
  const secondSimilarity = second ? Math.max(second.question, second.passage) : center - 0.1;
  return [
    1,
    top.lexical,
    (topSimilarity - center) * 10,
    (topSimilarity - secondSimilarity) * 10,
    top.lexical - (second?.lexical ?? 0),
    logit(top.confidence) - logit(second?.confidence ?? 1e-4),
  ];
}

/** A candidate of either stage with its candidate-model features (before weighting). */
export interface FusionCandidate {
  id: string;
  twinKey?: string;
  lexical: number;
  question: number;
  passage: number;
  features: number[];
}

/**
 * The union of both stages' top candidates (10 each), with their features. An entry the semantic stage did not
 * score sits just below the centre, so it is never favoured for a similarity it was not given.
 */
export function fusionCandidates(lexical: readonly MatchHit[], semantic: readonly SemanticScore[], center: number, twinKeyOf?: TwinKeyOf): FusionCandidate[] {
  const bySimilarity = [...semantic].sort((a, b) => Math.max(b.question, b.passage) - Math.max(a.question, a.passage));
  const best = bySimilarity[0];
  const bestSimilarity = best ? Math.max(best.question, best.passage) : center;
  const similarityOf = new Map(semantic.map((s) => [s.id, s]));
  const lexicalOf = new Map(lexical.map((h) => [h.id, h.confidence]));
  const ids = new Set([...bySimilarity.slice(0, CANDIDATES_PER_STAGE).map((s) => s.id), ...lexical.slice(0, CANDIDATES_PER_STAGE).map((h) => h.id)]);
  return [...ids].map((id) => {
    const s = similarityOf.get(id);
    const question = s?.question ?? center - 0.05;
    const passage = s?.passage ?? center - 0.05;
    const lex = lexicalOf.get(id) ?? 0;
    const twinKey = twinKeyOf?.(id);
    const features = candidateFeatures(lex, question, passage, bestSimilarity, center);
    return { id, lexical: lex, question, passage, features, ...(twinKey === undefined ? {} : { twinKey }) };
  });
}

/** Ranks the union of the lexical hits and the nearest entries by the candidate model, best first. */
export function fuseHits(lexical: readonly MatchHit[], semantic: readonly SemanticScore[], model: FusionModel, twinKeyOf?: TwinKeyOf): FusedHit[] {
  return rankCandidates(fusionCandidates(lexical, semantic, model.center, twinKeyOf), model.candidateWeights);
}

/** Scores candidates with the given candidate-model weights, best first. */
export function rankCandidates(candidates: readonly FusionCandidate[], weights: readonly number[]): FusedHit[] {
  return candidates
    .map(({ features, ...hit }) => ({ ...hit, confidence: round4(sigmoid(dot(weights, features))) }))
    .sort((a, b) => b.confidence - a.confidence || b.lexical - a.lexical);
}

/** The decision score of a ranked list: how likely its top candidate is the entry meant. */
export function decisionScore(ranked: readonly FusedHit[], model: Pick<FusionModel, 'decisionWeights' | 'center'>): number {
  if (ranked.length === 0) return 0;
  return sigmoid(dot(model.decisionWeights, decisionFeatures(ranked, model.center)));
}

/** Answer, clarify or fall back on fused candidates (as returned by {@link fuseHits}). */
export function decideFused(ranked: readonly FusedHit[], model: FusionModel): { outcome: Outcome; hits: FusedHit[]; score: number } {
  const score = decisionScore(ranked, model);
  return { ...decideOnScore(ranked, score, model), score };
}

/** The outcome for ranked candidates whose decision score is known (cross-validation scores held-out folds). */
export function decideOnScore(
  ranked: readonly FusedHit[],
  score: number,
  thresholds: Pick<FusionModel, 'answer' | 'clarify'>,
): { outcome: Outcome; hits: FusedHit[] } {
  const [top] = ranked;
  if (!top) return { outcome: 'fallback', hits: [] };
  if (score >= thresholds.answer) {
    // one question filed per platform: ask which one rather than pick one (the lexical `decide` does the same)
    const twins = tiedTwins(ranked);
    if (twins.length > 1) return { outcome: 'clarify', hits: twins.slice(0, MAX_CLARIFY) };
    return { outcome: 'answer', hits: [top] };
  }
  if (score < thresholds.clarify) return { outcome: 'fallback', hits: [] };
  const floor = top.confidence * CLARIFY_SHARE;
  return { outcome: 'clarify', hits: ranked.filter((h) => h.confidence >= floor).slice(0, MAX_CLARIFY) };
}

/**
 * The top hit and the entries that ask its question (per platform) which the words of the message do not tell
 * apart: their embeddings are alike by construction, so only the lexical stage, which reads a platform named
 * (아이폰, 갤럭시, PC), can.
 */
function tiedTwins<H extends Pick<FusedHit, 'twinKey' | 'lexical'>>(ranked: readonly H[]): H[] {
  const [top] = ranked;
  if (!top || top.twinKey === undefined) return [];
  return ranked.filter((h) => h.twinKey === top.twinKey && Math.abs(h.lexical - top.lexical) < TWIN_LEXICAL_TIE);
}

function dot(weights: readonly number[], x: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (weights[i] ?? 0) * x[i]!;
  return sum;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
  return Math.log(q / (1 - q));
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
