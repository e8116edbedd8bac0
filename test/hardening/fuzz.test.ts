import fc from 'fast-check';
import { FUZZ_PROPERTIES } from '../../src/cli/fuzz/properties';
import { startFuzzTarget, type FuzzTarget } from '../../src/cli/fuzz/target';

/**
 * The fuzz suite at a fixed seed and a bounded count, so `npm test` is repeatable and quick
 * (`npm run fuzz -- --runs 20000` runs the same properties for longer). Supersedes the earlier
 * test/http/property.test.ts: its mutated payloads, arbitrary bodies and clientExtra live on here.
 */

const SEED = 20261123;
const RUNS = 1200;

let target: FuzzTarget;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(() => target.close());

const total = FUZZ_PROPERTIES.reduce((sum, p) => sum + p.weight, 0);

describe('POST /skill/faq under fuzzed input: no 5xx, every 200 a valid SkillResponse, every error named', () => {
  it.each(FUZZ_PROPERTIES.map((p, i) => [p.name, p, i] as const))('%s', async (_name, property, index) => {
    const numRuns = Math.max(20, Math.round((RUNS * property.weight) / total));
    await fc.assert(property.build(target), { numRuns, seed: SEED + index, endOnFailure: true });
  });

  it('is still healthy afterwards', async () => {
    const res = await target.send({ method: 'GET', path: '/healthz' });
    expect(res.status).toBe(200);
    expect(target.sent).toBeGreaterThan(RUNS);
  });

  it('leaves Object.prototype untouched by "__proto__" keys in bodies', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => /polluted|clientExtra|faqId|utterance/.test(k))).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
