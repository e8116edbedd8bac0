import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { SkillPayloadSchema, toSkillRequest } from '../../src/kakao';
import { checkSkillPayload, payloadCheck, type PayloadCheck } from '../../src/kakao/payload-fast-path';
import { fullPayload, mutate, mutation, serialize } from '../../src/cli/fuzz/payloads';
import { loadFixtures, PAYLOADS_DIR, type LoadedFixture } from '../../src/cli/replay/fixture';
import { findTooDeep } from '../../src/http/json-depth';
import { fullKakaoPayload, kakaoPayload } from '../harness';

/**
 * The compiled payload check (src/kakao/payload-fast-path.ts) must answer exactly what zod's `safeParse` answers:
 * the same success, the same data (keys, their order, `undefined`s, which objects are the body's own and which
 * are fresh) and the same issues, and `toSkillRequest` must map both to the same request. Checked on every
 * payload fixture (the replay fixtures, with issue 12's real-traffic shapes in `lenient/`), the contract's
 * example, and thousands of generated payloads (fixed seed): canonical ones and ones with fields changed to
 * anything the fuzzer sends. Each body goes through JSON text first, as the body parser gives it.
 */

type Check = (body: unknown) => PayloadCheck;

/**
 * Everything observable about a value, as text: kinds, keys in their order, `undefined`s, -0, prototypes, and
 * which objects are the body's own (`&`) rather than fresh. Equal texts are values toStrictEqual takes for equal,
 * and more: jest does not see key order or object identity.
 */
function anatomy(value: unknown, bodyObjects: ReadonlySet<unknown>): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object' || value === null) return typeof value === 'function' ? 'function' : JSON.stringify(value);
  const own = bodyObjects.has(value) ? '&' : '';
  if (Array.isArray(value)) return `${own}[${Array.from({ length: value.length }, (_, i) => (i in value ? anatomy(value[i], bodyObjects) : 'hole')).join(',')}]`;
  const prototype = Object.getPrototypeOf(value) === Object.prototype ? '' : `<${String(Object.getPrototypeOf(value)?.constructor?.name)}>`;
  const entries = Object.keys(value).map((key) => `${JSON.stringify(key)}:${anatomy((value as Record<string, unknown>)[key], bodyObjects)}`);
  return `${own}${prototype}{${entries.join(',')}}`;
}

/** Where two anatomies part, with a little context. */
function firstDifference(ours: string, zods: string): string | undefined {
  if (ours === zods) return undefined;
  let at = 0;
  while (ours[at] === zods[at]) at++;
  return `ours …${ours.slice(Math.max(0, at - 80), at + 80)}…\nzod's …${zods.slice(Math.max(0, at - 80), at + 80)}…`;
}

function objectsIn(value: unknown, into = new Set<unknown>()): Set<unknown> {
  if (typeof value === 'object' && value !== null && !into.has(value)) {
    into.add(value);
    for (const child of Object.values(value)) objectsIn(child, into);
  }
  return into;
}

/**
 * The first way `check` answers `text` differently from zod, or undefined when it answers the same: the results
 * (success and data, or the issues) and the requests `toSkillRequest` maps from them, compared by their
 * {@link anatomy}. (toStrictEqual on the values themselves would say less, and takes two separate bodies for
 * different when one holds a "constructor" key with an object in it: jest compares `constructor`s by identity.)
 */
function differenceFromZod(check: Check, text: string): string | undefined {
  // each its own body, as each request has: what one keeps of its body must not be mistaken for the other's
  const [ourBody, zodBody] = [JSON.parse(text) as unknown, JSON.parse(text) as unknown];
  const [ours, zods] = [check(ourBody), SkillPayloadSchema.safeParse(zodBody)];
  const [ourObjects, zodObjects] = [objectsIn(ourBody), objectsIn(zodBody)];
  const outcome = (r: PayloadCheck) => (r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues });
  const difference =
    firstDifference(anatomy(outcome(ours), ourObjects), anatomy(outcome(zods), zodObjects)) ??
    (ours.success && zods.success
      ? firstDifference(anatomy(toSkillRequest(ours.data, ourBody), ourObjects), anatomy(toSkillRequest(zods.data, zodBody), zodObjects))
      : firstDifference(z.prettifyError(ours.error!), z.prettifyError(zods.error!)));
  return difference === undefined ? undefined : `${difference}\nbody: ${text.slice(0, 300)}`;
}

const fixtureBodies: [string, string][] = [
  ...loadFixtures([PAYLOADS_DIR])
    .filter((l) => l.ok)
    .map((l): [string, string] => [(l.value as LoadedFixture).name, JSON.stringify((l.value as LoadedFixture).fixture.request)]),
  ...readdirSync(path.join(__dirname, 'fixtures')).map((file): [string, string] => [file, readFileSync(path.join(__dirname, 'fixtures', file), 'utf8')]),
];

const SEED = 20261207;
const canonical = fc
  .record({
    utterance: fc.string({ maxLength: 40 }),
    userId: fc.string({ minLength: 1, maxLength: 70 }),
    clientExtra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { nil: undefined }),
    params: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 3 }),
    full: fc.boolean(),
  })
  .map(({ full, ...options }) => serialize((full ? fullKakaoPayload : kakaoPayload)(options.utterance, options)));
const mutated = fc
  .tuple(fc.constantFrom(fullPayload('환불'), fullKakaoPayload('리뷰 포인트가 뭐예요?') as Record<string, unknown>), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([base, mutations]) => serialize(mutate(base, mutations)))
  // what reaches the payload check: JSON the route's depth check lets through (src/http/skill-route.ts)
  .filter((text) => text !== '' && findTooDeep(JSON.parse(text)) === undefined);
const generated = [...fc.sample(canonical, { numRuns: 1000, seed: SEED }), ...fc.sample(mutated, { numRuns: 3000, seed: SEED })];

describe('the compiled payload check', () => {
  it.each(fixtureBodies)('answers %s as zod does', (_name, text) => {
    expect(differenceFromZod(checkSkillPayload, text)).toBeUndefined();
  });

  it('answers 4,000 generated payloads (1,000 canonical, 3,000 with fields changed) as zod does', () => {
    expect(generated.length).toBe(4000);
    const differences = generated.map((text) => differenceFromZod(checkSkillPayload, text)).filter((d) => d !== undefined);
    expect(differences.slice(0, 3)).toEqual([]);
  });

  it('answers every payload fixture zod accepts by itself: zod parses only the ones it rejects', () => {
    const bodies = [kakaoPayload('환불 계좌는 어떻게 등록 하나요?'), fullKakaoPayload('리뷰 포인트가 뭐예요?'), ...fixtureBodies.map(([, text]) => JSON.parse(text) as unknown)];
    const rejectedByZod = bodies.filter((body) => !SkillPayloadSchema.safeParse(body).success);
    expect(rejectedByZod.length).toBeGreaterThan(0);
    const zod = jest.spyOn(SkillPayloadSchema, 'safeParse');
    try {
      for (const body of bodies) checkSkillPayload(body);
      expect(zod.mock.calls.map(([body]) => body)).toEqual(rejectedByZod);
    } finally {
      zod.mockRestore();
    }
  });

  it('answers as zod does for schema nodes it does not compile (checks, coercion, enums)', () => {
    const refined = z.looseObject({ utterance: z.string().min(3), n: z.coerce.number().optional(), tag: z.enum(['a', 'b']).optional() });
    const check = payloadCheck(refined);
    for (const body of [{ utterance: 'ab' }, { utterance: 'abc', n: '5' }, { utterance: 'abc', tag: 'c' }, { utterance: 'abc', tag: 'a' }, 'x']) {
      const [ours, zods] = [check(body), refined.safeParse(body)];
      expect(ours.success ? ours.data : ours.error.issues).toStrictEqual(zods.success ? zods.data : zods.error.issues);
    }
  });

  // The comparison above must be able to fail: each planted difference is one a compiled reader could make.
  type Plant = (data: Record<string, unknown>, body: Record<string, unknown>) => void;
  const part = (parent: Record<string, unknown>, key: string) => parent[key] as Record<string, unknown>;
  const planted: [string, Plant][] = [
    ['a value changed', (data) => (part(data, 'userRequest')['utterance'] += ' ')],
    ['an absent key written as undefined', (data) => (data['zzz'] = undefined)],
    ['a key written as undefined left out', (data) => delete part(data, 'userRequest')['lang']],
    [
      'keys in another order',
      (data) => {
        const { intent, ...rest } = data;
        for (const key of Object.keys(data)) delete data[key];
        Object.assign(data, rest, { intent });
      },
    ],
    ['the body’s own object kept where zod makes a fresh one', (data, body) => (part(data, 'action')['clientExtra'] = part(body, 'action')['clientExtra'])],
  ];
  const PLANT_TEXT = JSON.stringify({ ...kakaoPayload('환불', { clientExtra: { faqId: 'faq-1' } }), userRequest: { ...kakaoPayload('환불').userRequest, lang: 'null' } });

  it.each(planted)('catches a planted difference: %s', (_what, plant) => {
    const check: Check = (body) => {
      const result = checkSkillPayload(body);
      if (result.success) plant(result.data as Record<string, unknown>, body as Record<string, unknown>);
      return result;
    };
    expect(differenceFromZod(checkSkillPayload, PLANT_TEXT)).toBeUndefined();
    expect(differenceFromZod(check, PLANT_TEXT)).toEqual(expect.any(String));
  });

  it('catches a planted difference in success: a payload zod rejects answered as accepted', () => {
    const lenient: Check = (body) => ({ success: true, data: SkillPayloadSchema.parse({ ...(body as object), userRequest: { utterance: '' } }) });
    expect(differenceFromZod(lenient, JSON.stringify({ userRequest: 'null' }))).toEqual(expect.any(String));
  });
});
