import { decide, DEFAULT_THRESHOLDS, type MatchHit, type Thresholds } from '../../src/matcher';

const hit = (id: string, confidence: number): MatchHit => ({ id, confidence });
// clearLead off (a lead of 1 is impossible) unless a test is about it
const T: Thresholds = { answer: 0.6, clarify: 0.4, minGap: 0.1, clearLead: 1, leadFloor: 1 };

describe('decide', () => {
  describe('with a clear lead', () => {
    const L: Thresholds = { ...T, clearLead: 0.15, leadFloor: 0.35 };

    it('answers below the answer threshold when the top hit is far ahead of the runner-up', () => {
      expect(decide([hit('a', 0.38), hit('b', 0.12)], L)).toEqual({ outcome: 'answer', hits: [hit('a', 0.38)] });
    });

    it('does not answer when the lead is small, and falls back below the clarify threshold', () => {
      expect(decide([hit('a', 0.38), hit('b', 0.3)], L).outcome).toBe('fallback');
      expect(decide([hit('a', 0.55), hit('b', 0.45)], L).outcome).toBe('clarify');
    });

    it('never answers under the lead floor, however large the lead', () => {
      expect(decide([hit('a', 0.34)], L).outcome).toBe('fallback');
    });
  });

  it('answers when the top hit is confident and clearly ahead', () => {
    expect(decide([hit('a', 0.8), hit('b', 0.5)], T)).toEqual({ outcome: 'answer', hits: [hit('a', 0.8)] });
  });

  it('answers a lone confident hit', () => {
    expect(decide([hit('a', 0.65)], T).outcome).toBe('answer');
  });

  it('clarifies when the runner-up is too close, offering both', () => {
    const result = decide([hit('a', 0.8), hit('b', 0.75), hit('c', 0.2)], T);
    expect(result.outcome).toBe('clarify');
    expect(result.hits.map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('clarifies between duplicates (one question filed under iOS, 안드로이드 and Windows score the same)', () => {
    const result = decide([hit('ios', 0.77), hit('android', 0.77), hit('windows', 0.77)], T);
    expect(result.outcome).toBe('clarify');
    expect(result.hits).toHaveLength(3);
  });

  it('clarifies when the top hit is plausible but below the answer threshold', () => {
    const result = decide([hit('a', 0.5), hit('b', 0.2)], T);
    expect(result).toEqual({ outcome: 'clarify', hits: [hit('a', 0.5)] });
  });

  it('offers at most five candidates, only those close to the top and above the clarify threshold', () => {
    const hits = [0.7, 0.69, 0.68, 0.66, 0.62, 0.6, 0.3].map((c, i) => hit(`h${i}`, c));
    const result = decide(hits, T);
    expect(result.outcome).toBe('clarify');
    expect(result.hits.map((h) => h.id)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
    const spread = decide([hit('a', 0.55), hit('b', 0.5), hit('c', 0.41), hit('d', 0.39)], T);
    expect(spread.hits.map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('falls back below the clarify threshold, with no hits', () => {
    expect(decide([hit('a', 0.39), hit('b', 0.1)], T)).toEqual({ outcome: 'fallback', hits: [] });
  });

  it('falls back when there are no hits', () => {
    expect(decide([], T)).toEqual({ outcome: 'fallback', hits: [] });
  });

  it('does not trust the caller to sort', () => {
    expect(decide([hit('b', 0.3), hit('a', 0.9)], T)).toEqual({ outcome: 'answer', hits: [hit('a', 0.9)] });
  });

  it('treats the thresholds as inclusive', () => {
    expect(decide([hit('a', 0.6), hit('b', 0.5)], T).outcome).toBe('answer');
    expect(decide([hit('a', 0.4)], T).outcome).toBe('clarify');
  });

  it('uses DEFAULT_THRESHOLDS when none are given', () => {
    const strong = decide([hit('a', 0.95)]);
    expect(strong.outcome).toBe('answer');
    const below = Math.min(DEFAULT_THRESHOLDS.clarify, DEFAULT_THRESHOLDS.leadFloor) - 0.01;
    expect(decide([hit('a', below)]).outcome).toBe('fallback');
  });

  it('has ordered, frozen defaults in [0, 1]', () => {
    const { answer, clarify, minGap } = DEFAULT_THRESHOLDS;
    expect(0 < clarify && clarify <= answer && answer <= 1).toBe(true);
    expect(minGap).toBeGreaterThan(0);
    expect(Object.isFrozen(DEFAULT_THRESHOLDS)).toBe(true);
  });
});
