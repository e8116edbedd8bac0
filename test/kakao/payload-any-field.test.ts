import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { fullKakaoPayload, inProcessApp } from '../harness';
import { checkReply, type Verdict } from '../../src/cli/fuzz/oracle';
import { mutate, serialize } from '../../src/cli/fuzz/payloads';
import { isRecord } from '../../src/kakao/payload-fields';

/**
 * Issue 12 §1: Kakao and its tools send every field in shapes the guide does not show ("null" as a string,
 * numeric ids, numbers as text, arrays for maps). Changing ANY single field of a full payload, at any depth, to
 * ANY JSON type must still get 200 with a valid SkillResponse, unless the change took away what we cannot
 * answer without: `userRequest` as an object and `userRequest.utterance` as a string. Those get a 400 naming
 * the field. Every request goes through the real app, from two bases: one with a 지식+ match (answered from
 * it) and one without `intent.extra`, a typed question (answered by reading the follow-up context and the
 * matcher), so both paths see every coerced field.
 */

const KNOWLEDGE_BASE = fullKakaoPayload('리뷰 포인트가 뭐예요?');
const TYPED_BASE = mutate(KNOWLEDGE_BASE, [{ path: ['intent', 'extra'], value: undefined }]) as Record<string, unknown>;
const BASES = { knowledge: KNOWLEDGE_BASE, typed: TYPED_BASE } as const;
type BaseName = keyof typeof BASES;

/** Every path in a full payload (objects and array items, at every depth), plus keys it does not have. */
function pathsOf(base: unknown): readonly (readonly string[])[] {
  const paths: string[][] = [];
  const walk = (node: unknown, at: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      paths.push([...at, key]);
      walk(child, [...at, key]);
    }
  };
  walk(base, []);
  paths.push(['zzz'], ['userRequest', 'zzz'], ['contexts', '2'], ['action', 'clientExtra', 'faqId'], ['action', 'detailParams', 'new']);
  return paths;
}

/** Each base with each of its paths; the typed base lacks the `intent.extra` paths. */
const CASES: readonly { base: BaseName; path: readonly string[] }[] = (Object.keys(BASES) as BaseName[]).flatMap((base) =>
  pathsOf(BASES[base]).map((path) => ({ base, path })),
);

/** Values seen from Kakao's tools or likely from them, one of each JSON type; `undefined` deletes the field. */
const SAMPLES: readonly unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -1.5,
  1620160768,
  '',
  'null',
  '5',
  '{}',
  '[]',
  '{"faqId":"faq-4ceb70d21dd5"}',
  '{"broken":',
  '리뷰 포인트',
  [],
  [null],
  ['a', 1],
  {},
  { value: 'x', resolvedValue: 1 },
];

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SAMPLES),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 24 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** The one field we cannot answer without, when the mutated body lacks it; undefined when it can be answered. */
function missingRequiredField(body: unknown): string | undefined {
  const userRequest = isRecord(body) ? body['userRequest'] : undefined;
  if (!isRecord(userRequest)) return 'userRequest';
  return typeof userRequest['utterance'] === 'string' ? undefined : 'userRequest.utterance';
}

let app: Express;
beforeAll(async () => {
  app = await inProcessApp();
});

async function post(body: unknown): Promise<Verdict> {
  const res = await request(app).post('/skill/faq').set('content-type', 'application/json').send(serialize(body));
  return checkReply({ status: res.status, headers: res.headers, text: res.text });
}

/** Posts `value` at `path` of the full payload and checks the promise above; throws a message naming both. */
async function expectAnswered(base: BaseName, path: readonly string[], value: unknown): Promise<void> {
  const body = mutate(BASES[base], [{ path, value }]);
  const what = `${base}: ${path.join('.')} = ${value === undefined ? '(deleted)' : JSON.stringify(value)}`;
  const verdict = await post(body);
  const required = missingRequiredField(body);
  if (required !== undefined) {
    if (verdict.kind !== 'error') throw new Error(`${what}: expected 400 naming ${required}, got 200`);
    const { status, code, path: errorPath, message } = verdict.error;
    if (status !== 400 || code !== 'invalid_payload' || errorPath !== required || !message.includes(required)) {
      throw new Error(`${what}: expected 400 invalid_payload naming ${required}, got ${status} ${code} at "${errorPath}": ${message}`);
    }
    return;
  }
  if (verdict.kind !== 'reply') throw new Error(`${what}: expected 200, got ${verdict.error.status} ${verdict.error.code}: ${verdict.error.message}`);
  // 200 with an apology would hide a skill that crashed on the coerced value
  if (verdict.body.data?.['outcome'] === 'error') throw new Error(`${what}: the skill failed on it (outcome "error")`);
}

describe('any single field of a full payload, set to any JSON value', () => {
  it('the base payloads have every field the tests change; one is answered from 지식+, the other by the matcher', async () => {
    expect(CASES.filter((c) => c.base === 'knowledge').length).toBeGreaterThan(60);
    expect(CASES.filter((c) => c.base === 'typed').length).toBeGreaterThan(40);
    for (const base of Object.keys(BASES) as BaseName[]) await expectAnswered(base, ['zzz'], undefined);
    const replyText = async (body: unknown) => {
      const verdict = await post(body);
      return verdict.kind === 'reply' ? JSON.stringify(verdict.body) : `${verdict.error.status} ${verdict.error.message}`;
    };
    expect(await replyText(KNOWLEDGE_BASE)).toContain('환불 계좌는 어떻게 등록 하나요?');
    const typed = await replyText(TYPED_BASE);
    expect(typed).not.toContain('환불 계좌는 어떻게 등록 하나요?');
    expect(typed).toContain('리뷰 포인트');
  });

  it.each(CASES.map(({ base, path }) => [`${base}: ${path.join('.')}`, base, path] as const))(
    '%s: each sample value is answered or refused by name',
    async (_name, base, path) => {
      for (const value of SAMPLES) await expectAnswered(base, path, value);
    },
  );

  it('any base, any path, any JSON value (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CASES), anyJson, async ({ base, path }, value) => expectAnswered(base, path, value)),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('refuses a userRequest that is not an object, and a utterance that is not a string, naming the field', async () => {
    for (const value of [null, 'null', 1, [], true]) {
      await expectAnswered('knowledge', ['userRequest'], value);
      const verdict = await post(mutate(KNOWLEDGE_BASE, [{ path: ['userRequest'], value }]));
      expect(verdict).toMatchObject({ kind: 'error', error: { status: 400, path: 'userRequest' } });
    }
    for (const value of [undefined, null, 1, {}, [], false]) {
      const verdict = await post(mutate(TYPED_BASE, [{ path: ['userRequest', 'utterance'], value }]));
      expect(verdict).toMatchObject({ kind: 'error', error: { status: 400, path: 'userRequest.utterance' } });
    }
  });
});
