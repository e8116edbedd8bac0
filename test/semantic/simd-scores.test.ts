import { allocateVectors, passageScores } from '../../src/semantic/simd-scores';

/** Deterministic pseudo-random floats in [-0.5, 0.5). */
function fill(target: Float32Array, seed: number): Float32Array {
  let state = seed;
  for (let i = 0; i < target.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    target[i] = state / 2147483648 - 0.5;
  }
  return target;
}

function loopScores(vectors: Float32Array, query: Float32Array): number[] {
  const dims = query.length;
  return Array.from({ length: vectors.length / dims }, (_, p) => query.reduce((sum, q, i) => sum + q * vectors[p * dims + i]!, 0));
}

describe('the SIMD passage scores', () => {
  it('equal a plain loop over the same vectors, for every passage', () => {
    const dims = 384;
    const vectors = fill(allocateVectors(257, dims), 7);
    const query = fill(new Float32Array(dims), 11);
    const scores = passageScores(vectors, query);
    expect(scores).toBeDefined();
    const expected = loopScores(vectors, query);
    expect(scores).toHaveLength(257);
    scores!.forEach((score, p) => expect(score).toBeCloseTo(expected[p]!, 4));
  });

  it('give each allocation its own memory, and a later query does not disturb another set of vectors', () => {
    const a = fill(allocateVectors(10, 8), 1);
    const b = fill(allocateVectors(20, 8), 2);
    const query = fill(new Float32Array(8), 3);
    const fromA = [...passageScores(a, query)!];
    expect(passageScores(b, query)).toHaveLength(20);
    expect([...passageScores(a, query)!]).toEqual(fromA);
  });

  it('leave vectors they cannot score to the caller: a plain array, a dimension not a multiple of 4, another query size', () => {
    expect(passageScores(new Float32Array(384 * 3), new Float32Array(384))).toBeUndefined();
    const odd = allocateVectors(3, 6);
    expect(passageScores(odd, new Float32Array(6))).toBeUndefined();
    expect(passageScores(allocateVectors(3, 8), new Float32Array(4))).toBeUndefined();
  });
});
