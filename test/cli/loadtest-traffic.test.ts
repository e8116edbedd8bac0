import { generateCorpus } from '../../src/cli/corpus';
import { loadTestTraffic } from '../../src/cli/loadtest/payloads';
import { SkillPayloadSchema } from '../../src/kakao';

const corpus = generateCorpus({ size: 500, seed: 3 });
const traffic = (zipf: number, count = 5000) => loadTestTraffic({ corpus, distinct: 1000, count, seed: 7, users: 300, zipf });
const utterances = (bodies: string[]) => bodies.map((b) => JSON.parse(b).userRequest.utterance as string);

describe('loadTestTraffic', () => {
  it('is the same for the same seed, and every body is a valid Kakao payload', () => {
    const a = traffic(1);
    expect(traffic(1).bodies).toEqual(a.bodies);
    expect(a.bodies).toHaveLength(5000);
    for (const body of a.bodies.slice(0, 200)) expect(SkillPayloadSchema.safeParse(JSON.parse(body)).success).toBe(true);
  });

  it('mixes typed questions with button presses naming an entry, from many users', () => {
    const parsed = traffic(1).bodies.map((b) => JSON.parse(b));
    const taps = parsed.filter((p) => p.action.clientExtra?.faqId !== undefined);
    expect(taps.length / parsed.length).toBeGreaterThan(0.03);
    expect(taps.length / parsed.length).toBeLessThan(0.25);
    expect(new Set(parsed.map((p) => p.userRequest.user.id)).size).toBeGreaterThan(250);
  });

  it('counts the repeats it reports, and repeats more the heavier the head', () => {
    const flat = traffic(0, 1500);
    const heavy = traffic(1.2, 1500);
    for (const t of [flat, heavy]) {
      const seen = new Set<string>();
      const repeats = t.bodies.filter((b) => {
        const { userRequest, action } = JSON.parse(b);
        const message = JSON.stringify([userRequest.utterance, action.clientExtra]);
        if (seen.has(message)) return true;
        seen.add(message);
        return false;
      }).length;
      // distinct generated messages can coincide in text, so counted by text there are at least as many repeats
      expect(repeats / t.bodies.length).toBeGreaterThanOrEqual(t.repeatShare - 1e-9);
    }
    expect(heavy.repeatShare).toBeGreaterThan(flat.repeatShare + 0.1);
    const top = new Map<string, number>();
    for (const u of utterances(heavy.bodies)) top.set(u, (top.get(u) ?? 0) + 1);
    // with Zipf 1.2 over 1,000 messages the most asked one takes well over 5% of the traffic
    expect(Math.max(...top.values()) / heavy.bodies.length).toBeGreaterThan(0.05);
  });
});
