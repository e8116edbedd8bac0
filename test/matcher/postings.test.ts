import { runToEnd } from '../../src/matcher/build-steps';
import { contains, length, TripleBuffer } from '../../src/matcher/postings';
import { createRandom } from '../../src/cli/corpus/random';

describe('TripleBuffer', () => {
  // more records than two chunks, so records cross chunk boundaries in both passes
  const FEATURES = 5_000;
  const records: { id: number; doc: number; weight: number; primary: boolean }[] = [];
  const { next } = createRandom(7);
  for (let doc = 0; records.length < 700_000; doc++) {
    for (let k = 0; k < 1 + Math.floor(next() * 20); k++) {
      records.push({ id: Math.floor(next() * FEATURES), doc, weight: Math.round(next() * 1000) / 1000, primary: next() < 0.4 });
    }
  }
  const buffer = new TripleBuffer();
  for (const r of records) buffer.push(r.id, r.doc, r.weight, r.primary);

  const both = runToEnd(buffer.toPostingsSteps(FEATURES));

  it.each([true, false])('turns the records (primary: %s) into ascending posting lists, each record once', (primary) => {
    const postings = primary ? both.primary : both.answerOnly;
    const expected = Array.from({ length: FEATURES }, () => [] as { doc: number; weight: number }[]);
    for (const r of records) if (r.primary === primary) expected[r.id]!.push({ doc: r.doc, weight: r.weight });
    const differing: number[] = [];
    for (let f = 0; f < FEATURES; f++) {
      const from = postings.start[f]!;
      const list = expected[f]!;
      const same =
        length(postings, f) === list.length &&
        list.every((r, k) => postings.docs[from + k] === r.doc && Math.abs(postings.weights[from + k]! - r.weight) < 1e-6);
      if (!same) differing.push(f);
    }
    expect(differing).toEqual([]);
    expect(postings.start[FEATURES]).toBe(records.filter((r) => r.primary === primary).length);
    const some = records.find((r) => r.primary === primary)!;
    expect(contains(postings, some.id, some.doc)).toBe(true);
  });

  it('yields between chunks of records instead of converting them all at once', () => {
    const steps = buffer.toPostingsSteps(FEATURES);
    let yields = 0;
    while (!steps.next().done) yields++;
    // two passes over at least three chunks
    expect(yields).toBeGreaterThanOrEqual(6);
  });
});
