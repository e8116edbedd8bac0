/**
 * Fits the fusion (src/matcher/fusion.ts) on the TRAINING split of a labelled set, never on its test split:
 *
 * 1. The candidate model is fitted on every training utterance's candidates (label: the entry is expected).
 * 2. Thresholds are chosen by k-fold cross-validation: both models are fitted on k−1 folds and score the
 *    held-out fold, so every training utterance gets a decision score from models that never saw it. The
 *    (answer, clarify) pair is the one that answers most utterances right while wrong answers stay at most
 *    2% and out-of-domain fallback at least 95% on those held-out scores (if no pair meets both, the best
 *    answer@1 + fallback − 4 × wrong).
 * 3. Both models are refitted on the whole training split; the thresholds are kept.
 * 4. The lexical skip: the lowest lexical confidence above which every training answer of the lexical stage
 *    is exactly the fusion's answer, so that not asking the semantic stage there changes nothing.
 */
import { decide, type FusionModel, type MatchHit } from '../../../matcher';
import { decideOnScore, decisionFeatures, decisionScore, fusionCandidates, rankCandidates, type FusedHit, type SemanticScore, type TwinKeyOf } from '../../../matcher/fusion';
import { fitLogistic } from './logistic';

/** One labelled utterance as both stages saw it. */
export interface Observation {
  expected: readonly string[];
  lexical: readonly MatchHit[];
  semantic: readonly SemanticScore[];
  /** Entries that ask the same question (see `TwinKeyOf` in fusion.ts). */
  twinKeyOf?: TwinKeyOf;
}

export interface CrossValidated {
  answerAt1: number;
  resolved: number;
  wrong: number;
  outOfDomainFallback: number;
}

export interface TuneOptions {
  embeddingModel: string;
  center?: number;
  folds?: number;
}

export function tuneFusion(train: readonly Observation[], options: TuneOptions): { model: FusionModel; crossValidated: CrossValidated } {
  const center = options.center ?? 0.85;
  const folds = options.folds ?? 5;
  // deterministic folds: every k-th observation
  const heldOut: { observation: Observation; score: number; ranked: ReturnType<typeof rankCandidates> }[] = [];
  for (let k = 0; k < folds; k++) {
    const fitOn = train.filter((_, i) => i % folds !== k);
    const { candidateWeights, decisionWeights } = fitModels(fitOn, center);
    train.forEach((observation, i) => {
      if (i % folds !== k) return;
      const ranked = rankCandidates(fusionCandidates(observation.lexical, observation.semantic, center, observation.twinKeyOf), candidateWeights);
      heldOut.push({ observation, ranked, score: decisionScore(ranked, { decisionWeights, center }) });
    });
  }
  const thresholds = chooseThresholds(heldOut);
  const { candidateWeights, decisionWeights } = fitModels(train, center);
  const model: FusionModel = {
    embeddingModel: options.embeddingModel,
    center,
    candidateWeights,
    decisionWeights,
    answer: thresholds.answer,
    clarify: thresholds.clarify,
    skipSemanticAbove: 1,
  };
  model.skipSemanticAbove = chooseLexicalSkip(train, model);
  return { model, crossValidated: thresholds.metrics };
}

function fitModels(observations: readonly Observation[], center: number) {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const o of observations) {
    for (const c of fusionCandidates(o.lexical, o.semantic, center, o.twinKeyOf)) {
      rows.push(c.features);
      labels.push(o.expected.includes(c.id) ? 1 : 0);
    }
  }
  const candidateWeights = fitLogistic(rows, labels);
  const decisionRows: number[][] = [];
  const decisionLabels: number[] = [];
  for (const o of observations) {
    const ranked = rankCandidates(fusionCandidates(o.lexical, o.semantic, center, o.twinKeyOf), candidateWeights);
    if (ranked.length === 0) continue;
    decisionRows.push(decisionFeatures(ranked, center));
    decisionLabels.push(o.expected.includes(ranked[0]!.id) ? 1 : 0);
  }
  return { candidateWeights, decisionWeights: fitLogistic(decisionRows, decisionLabels, { l2: 1e-3 }) };
}

type Scored = { observation: Observation; score: number; ranked: FusedHit[] };

function chooseThresholds(scored: readonly Scored[]): { answer: number; clarify: number; metrics: CrossValidated } {
  let best: { answer: number; clarify: number; metrics: CrossValidated; key: number[] } | undefined;
  for (let answer = 0.3; answer <= 0.951; answer += 0.025) {
    for (let clarify = 0.05; clarify <= answer + 1e-9; clarify += 0.025) {
      const metrics = score(scored, answer, clarify);
      const meets = metrics.wrong <= 0.02 && metrics.outOfDomainFallback >= 0.95 ? 1 : 0;
      const key = meets
        ? [1, metrics.answerAt1, metrics.resolved, -metrics.wrong]
        : [0, metrics.answerAt1 + metrics.outOfDomainFallback - 4 * metrics.wrong, metrics.resolved, 0];
      if (!best || compare(key, best.key) > 0) best = { answer: round3(answer), clarify: round3(clarify), metrics, key };
    }
  }
  return best!;
}

function score(scored: readonly Scored[], answer: number, clarify: number): CrossValidated {
  let inDomain = 0, outOfDomain = 0, right = 0, resolved = 0, wrong = 0, fellBack = 0;
  for (const { observation, score: s, ranked } of scored) {
    const { outcome, hits } = decideOnScore(ranked, s, { answer, clarify });
    const shown = hits.some((h) => observation.expected.includes(h.id));
    if (observation.expected.length > 0) {
      inDomain++;
      if (outcome === 'answer' && shown) (right++, resolved++);
      else if (outcome === 'answer') wrong++;
      else if (outcome === 'clarify' && shown) resolved++;
    } else {
      outOfDomain++;
      if (outcome === 'answer') wrong++;
      if (outcome === 'fallback') fellBack++;
    }
  }
  return {
    answerAt1: right / Math.max(1, inDomain),
    resolved: resolved / Math.max(1, inDomain),
    wrong: wrong / Math.max(1, inDomain + outOfDomain),
    outOfDomainFallback: fellBack / Math.max(1, outOfDomain),
  };
}

/** The lowest lexical confidence (in steps of 0.05) above which the fusion answers every lexical answer alike. */
function chooseLexicalSkip(train: readonly Observation[], model: FusionModel): number {
  let skip = 1;
  for (let threshold = 0.95; threshold >= 0.45; threshold -= 0.05) {
    const worse = train.some((o) => {
      const lexical = decide(o.lexical);
      const top = lexical.hits[0];
      if (lexical.outcome !== 'answer' || !top || top.confidence < threshold) return false;
      const ranked = rankCandidates(fusionCandidates(o.lexical, o.semantic, model.center, o.twinKeyOf), model.candidateWeights);
      // skipping loses nothing only where the fusion would have given the very same answer
      return decisionScore(ranked, model) < model.answer || ranked[0]!.id !== top.id;
    });
    if (worse) break;
    skip = round3(threshold);
  }
  return skip;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
