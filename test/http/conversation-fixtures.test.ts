import path from 'node:path';
import { loadFixtures, PAYLOADS_DIR, type LoadedFixture } from '../../src/cli/replay/fixture';

/**
 * test/fixtures/payloads/conversation/ holds one turn of each conversation path. test/replay/replay.test.ts
 * replays them (with every other fixture); this test keeps the folder covering every path.
 */
const fixtures = loadFixtures([path.join(PAYLOADS_DIR, 'conversation')])
  .filter((l) => l.ok)
  .map((l) => l.value as LoadedFixture);

describe('conversation fixtures', () => {
  it('cover every outcome and every path of the conversation', () => {
    const outcomes = new Set(fixtures.map((f) => f.fixture.expect.outcome));
    expect(outcomes).toEqual(new Set(['answer', 'clarify', 'fallback', 'browse', 'feedback', 'handoff', 'small_talk']));
    const knowledge = fixtures.filter((f) => (f.fixture.expect.data as { source?: string } | undefined)?.source === 'knowledge');
    expect(knowledge.map((f) => f.fixture.expect.outcome).sort()).toEqual(['answer', 'answer', 'clarify']);
    expect(fixtures.some((f) => ((f.fixture.request as { contexts?: unknown[] }).contexts ?? []).length > 0)).toBe(true);
    for (const f of fixtures) expect(path.basename(f.file)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.json$/);
  });
});
