import { decideFused, decisionScore, fuseHits, type FusionModel } from '../../src/matcher';
import { fusionCandidates } from '../../src/matcher/fusion';
import { fitLogistic } from '../../src/cli/eval/fusion/logistic';
import { tuneFusion, type Observation } from '../../src/cli/eval/fusion/tune';

const model: FusionModel = {
  embeddingModel: 'test-model',
  center: 0.85,
  // favours lexical confidence and similarity; the last weight rewards both agreeing
  candidateWeights: [-3, 1.2, 1.4, 0.9, 1.1, 1],
  decisionWeights: [-1, 1, 0.5, 0.5, 1, 1],
  answer: 0.7,
  clarify: 0.5,
  skipSemanticAbove: 0.9,
};

describe('fuseHits', () => {
  it('ranks an entry only the semantic stage found, when the lexical stage found nothing', () => {
    const ranked = fuseHits([], [{ id: 'a', question: 0.95, passage: 0.9 }, { id: 'b', question: 0.86, passage: 0.85 }], model);
    expect(ranked.map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('lets strong lexical evidence outrank a slightly nearer entry', () => {
    const ranked = fuseHits(
      [{ id: 'b', confidence: 0.9 }],
      [{ id: 'a', question: 0.9, passage: 0.88 }, { id: 'b', question: 0.89, passage: 0.87 }],
      model,
    );
    expect(ranked[0]?.id).toBe('b');
  });

  it('keeps lexical hits the semantic stage did not score, below the centre', () => {
    const candidates = fusionCandidates([{ id: 'x', confidence: 0.5 }], [{ id: 'a', question: 0.9, passage: 0.9 }], 0.85);
    const x = candidates.find((c) => c.id === 'x');
    expect(x?.question).toBeLessThan(0.85);
    expect(candidates.map((c) => c.id).sort()).toEqual(['a', 'x']);
  });

  it('falls back to the lexical hits alone when there are no similarities', () => {
    expect(fuseHits([{ id: 'x', confidence: 0.6 }], [], model)[0]).toMatchObject({ id: 'x' });
  });
});

describe('decideFused', () => {
  it('answers a candidate near in meaning and clearly ahead', () => {
    const ranked = fuseHits([{ id: 'a', confidence: 0.7 }], [{ id: 'a', question: 0.96, passage: 0.93 }, { id: 'b', question: 0.86, passage: 0.85 }], model);
    expect(decideFused(ranked, model).outcome).toBe('answer');
  });

  it('falls back when nothing is near in either stage', () => {
    const ranked = fuseHits([], [{ id: 'a', question: 0.84, passage: 0.83 }, { id: 'b', question: 0.835, passage: 0.83 }], model);
    expect(decideFused(ranked, model)).toMatchObject({ outcome: 'fallback', hits: [] });
  });

  it('clarifies between near twins instead of guessing', () => {
    const ranked = fuseHits(
      [{ id: 'ios', confidence: 0.8 }, { id: 'android', confidence: 0.8 }],
      [{ id: 'ios', question: 0.93, passage: 0.9 }, { id: 'android', question: 0.93, passage: 0.9 }],
      { ...model, answer: 0.95, clarify: 0.3 },
    );
    const decision = decideFused(ranked, { ...model, answer: 0.95, clarify: 0.3 });
    expect(decision.outcome).toBe('clarify');
    expect(decision.hits.map((h) => h.id).sort()).toEqual(['android', 'ios']);
  });

  it('asks which platform when one question is filed per platform, unless the message names one', () => {
    const semantic = [
      { id: 'ios', question: 0.95, passage: 0.9 },
      { id: 'android', question: 0.95, passage: 0.9 },
      { id: 'other', question: 0.86, passage: 0.85 },
    ];
    const twinKeyOf = (id: string) => (id === 'other' ? undefined : 'profile-menu');
    const unnamed = fuseHits([{ id: 'ios', confidence: 0.8 }, { id: 'android', confidence: 0.8 }], semantic, model, twinKeyOf);
    const decision = decideFused(unnamed, model);
    expect(decision.outcome).toBe('clarify');
    expect(decision.hits.map((h) => h.id).sort()).toEqual(['android', 'ios']);
    // "아이폰에서 …": the lexical stage reads the platform (±0.06 each way)
    const named = fuseHits([{ id: 'ios', confidence: 0.86 }, { id: 'android', confidence: 0.74 }], semantic, model, twinKeyOf);
    expect(decideFused(named, model)).toMatchObject({ outcome: 'answer', hits: [{ id: 'ios' }] });
  });

  it('scores an empty list as 0', () => {
    expect(decisionScore([], model)).toBe(0);
  });
});

describe('fitLogistic', () => {
  it('learns a separable rule', () => {
    const rows = [0, 0.1, 0.2, 0.8, 0.9, 1].map((x) => [1, x]);
    const w = fitLogistic(rows, [0, 0, 0, 1, 1, 1]);
    expect(w[1]).toBeGreaterThan(0);
    const p = (x: number) => 1 / (1 + Math.exp(-(w[0]! + w[1]! * x)));
    expect(p(0.95)).toBeGreaterThan(0.5);
    expect(p(0.05)).toBeLessThan(0.5);
  });
});

describe('tuneFusion', () => {
  // synthetic: the right entry is nearest by a margin that grows with `clarity`; out-of-domain ones are near nothing
  function observation(i: number): Observation {
    const right = `e${i % 7}`;
    const other = `e${(i + 3) % 7}`;
    if (i % 4 === 0) return { expected: [], lexical: [], semantic: [{ id: right, question: 0.83, passage: 0.82 }, { id: other, question: 0.825, passage: 0.82 }] };
    const clarity = (i % 5) / 50;
    return {
      expected: [right],
      lexical: i % 3 === 0 ? [{ id: right, confidence: 0.6 }] : [],
      semantic: [{ id: right, question: 0.9 + clarity, passage: 0.88 }, { id: other, question: 0.87, passage: 0.86 }],
    };
  }
  const train = Array.from({ length: 200 }, (_, i) => observation(i));

  it('fits models and thresholds that answer in-domain and fall back out of domain, cross-validated', () => {
    const { model: fitted, crossValidated } = tuneFusion(train, { embeddingModel: 'test-model' });
    expect(fitted.embeddingModel).toBe('test-model');
    expect(fitted.clarify).toBeLessThanOrEqual(fitted.answer);
    expect(crossValidated.outOfDomainFallback).toBeGreaterThanOrEqual(0.95);
    expect(crossValidated.wrong).toBeLessThanOrEqual(0.02);
    expect(crossValidated.answerAt1).toBeGreaterThan(0.8);
  });

  it('is deterministic', () => {
    expect(tuneFusion(train, { embeddingModel: 'm' }).model).toEqual(tuneFusion(train, { embeddingModel: 'm' }).model);
  });
});
