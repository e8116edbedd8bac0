import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import fc from 'fast-check';
import { SkillResponseSchema } from '../../src/kakao';
import { kakaoPayload, testApp } from '../helpers';

/**
 * Throws thousands of random and mutated payloads and bodies at the real app over HTTP and checks
 * the edge's promises: no 5xx, every 200 is a valid SkillResponse, every 4xx names the problem.
 */

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer(await testApp()).listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/skill/faq`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: string, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

function checkReply({ status, json }: { status: number; json: unknown }): void {
  expect(status).toBeLessThan(500);
  if (status === 200) {
    const parsed = SkillResponseSchema.safeParse(json);
    if (!parsed.success) throw new Error(`invalid SkillResponse: ${JSON.stringify(parsed.error.issues)}`);
  } else {
    const error = (json as { error?: { code?: unknown; message?: unknown } }).error;
    expect(typeof error?.code).toBe('string');
    expect(typeof error?.message).toBe('string');
    expect((error?.message as string).length).toBeGreaterThan(0);
  }
}

/** Paths into a valid payload that a mutation may replace or delete. */
const PATHS = [
  [],
  ['intent'],
  ['intent', 'name'],
  ['intent', 'extra'],
  ['userRequest'],
  ['userRequest', 'utterance'],
  ['userRequest', 'lang'],
  ['userRequest', 'user'],
  ['userRequest', 'user', 'id'],
  ['userRequest', 'user', 'properties'],
  ['userRequest', 'params'],
  ['userRequest', 'block'],
  ['bot'],
  ['bot', 'id'],
  ['action'],
  ['action', 'params'],
  ['action', 'detailParams'],
  ['action', 'clientExtra'],
  ['action', 'clientExtra', 'faqId'],
  ['action', 'clientExtra', 'browse'],
  ['contexts'],
  ['flow'],
  ['flow', 'trigger', 'type'],
] as const;

type Mutation = { path: readonly string[]; value: unknown; remove: boolean };

function mutate(base: Record<string, unknown>, mutations: Mutation[]): unknown {
  let root: unknown = structuredClone(base);
  for (const { path, value, remove } of mutations) {
    if (path.length === 0) {
      root = value;
      continue;
    }
    let node = root;
    for (const key of path.slice(0, -1)) {
      if (typeof node !== 'object' || node === null) break;
      const record = node as Record<string, unknown>;
      if (typeof record[key] !== 'object' || record[key] === null) record[key] = {};
      node = record[key];
    }
    if (typeof node !== 'object' || node === null) continue;
    const last = path[path.length - 1]!;
    if (remove) delete (node as Record<string, unknown>)[last];
    else (node as Record<string, unknown>)[last] = value;
  }
  return root;
}

const utterance = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('환불', '월렛 삭제', '😊', '', ' ', 'ㅎㅂ', 'ghksqnf', '예약 취소 어케 해요ㅠㅠ', '\u0000\u202e\u200d'),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...PATHS),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), utterance, fc.constant(null)),
  remove: fc.boolean(),
});

describe('the skill edge under random input', () => {
  it('never answers 5xx, and every 200 is a valid SkillResponse, for mutated payloads', async () => {
    await fc.assert(
      fc.asyncProperty(utterance, fc.array(mutation, { maxLength: 4 }), async (text, mutations) => {
        const body = mutate(kakaoPayload(text), mutations);
        checkReply(await post(JSON.stringify(body)));
      }),
      { numRuns: 1500, seed: 20261123 },
    );
  });

  it('never answers 5xx for arbitrary bodies, content types and clientExtra', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
        async (body, contentType) => checkReply(await post(body, contentType)),
      ),
      { numRuns: 800, seed: 7 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), utterance, async (clientExtra, text) => {
        const body = kakaoPayload(text, { clientExtra: clientExtra as Record<string, unknown> });
        const reply = await post(JSON.stringify(body));
        checkReply(reply);
      }),
      { numRuns: 700, seed: 11 },
    );
  });
});
