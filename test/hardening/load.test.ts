import { burst, collectGarbage } from '../../src/cli/fuzz/load';
import { startFuzzTarget, type FuzzTarget } from '../../src/cli/fuzz/target';
import { createSkillRegistry, defineSkill, type Skill } from '../../src/skill';
import { skills as realSkills } from '../../skills';

/**
 * Many concurrent connections, skills that hang or throw under that load, and memory across thousands
 * of requests. A single throwing or hanging skill is covered in test/http/app.test.ts; here they run
 * 300 at a time. No timing asserts: a reply that never came would fail by the test's bounded timeout.
 */

describe('under concurrent load', () => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await startFuzzTarget();
  });
  afterAll(() => target.close());

  it('answers 300 concurrent skill calls, all 200 and valid', async () => {
    const result = await burst(target, { requests: 300, concurrency: 300 });
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(300);
    expect(Object.keys(result.outcomes).sort()).toEqual(expect.arrayContaining(['answer', 'fallback']));
  }, 30_000);

  it('keeps the heap bounded across 2,000 more calls (after a full GC)', async () => {
    await burst(target, { requests: 200, concurrency: 50 });
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const result = await burst(target, { requests: 2_000, concurrency: 50 });
    collectGarbage();
    const growthMb = (process.memoryUsage().heapUsed - before) / (1024 * 1024);
    expect(result.ok).toBe(2_000);
    // A leak of even 5 KB per request would show as 10 MB here.
    expect(growthMb).toBeLessThan(10);
  }, 60_000);
});

describe('the deadline reply always arrives', () => {
  const hangs: Skill = defineSkill({ name: 'faq', handle: () => new Promise<never>(() => undefined) });
  const throws: Skill = defineSkill({
    name: 'faq',
    handle() {
      throw new Error('boom');
    },
  });
  let calls = 0;
  // Every third call hangs, every third throws, the rest answer for real.
  const mixed = defineSkill({
    name: 'faq',
    handle(request, context) {
      calls += 1;
      if (calls % 3 === 0) return hangs.handle(request, context);
      if (calls % 3 === 1) return throws.handle(request, context);
      return realSkills.get('faq')!.handle(request, context);
    },
  });

  it.each([
    ['hangs', hangs, { timeout: 200 }],
    ['throws', throws, { error: 200 }],
    ['hangs, throws or answers', mixed, { timeout: 66, error: 67 }],
  ] as const)('when the skill %s, 200 concurrent calls each get a bubble', async (_name, skill, expected) => {
    const target = await startFuzzTarget({ skills: createSkillRegistry([skill]), env: { SKILL_DEADLINE_MS: '150' } });
    try {
      const result = await burst(target, { requests: 200, concurrency: 200 });
      expect(result.failures).toEqual([]);
      expect(result.ok).toBe(200);
      expect(result.outcomes).toMatchObject(expected);
    } finally {
      await target.close();
    }
  }, 30_000);
});
