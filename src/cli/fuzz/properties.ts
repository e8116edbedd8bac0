import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { kakaoPayload } from '../../../test/harness';
import { hostileString } from './hostile-text';
import { checkReply, errorPathSegments, pathsRelated, type Verdict } from './oracle';
import { deep, fullPayload, mutate, mutation, PAYLOAD_PATHS, serialize, serializeWithDuplicateKey } from './payloads';
import { CONTENT_TYPES, rawCase } from './raw-bodies';
import type { FuzzTarget, RawRequest } from './target';

/**
 * The fuzz properties, shared by `test/hardening/fuzz.test.ts` (fixed seed, bounded runs) and
 * `src/cli/fuzz/command.ts` (long runs). Each sends real HTTP requests to a {@link FuzzTarget} and throws on the
 * first broken promise. `weight` is each property's share of a run budget.
 */
export interface FuzzProperty {
  readonly name: string;
  readonly weight: number;
  build(target: FuzzTarget): fc.IAsyncProperty<unknown[]>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function json(body: string): RawRequest {
  return { headers: JSON_HEADERS, body };
}

/** A 4xx for a payload must point at (or inside, or above) a field the mutations changed. */
function expectNamedField(verdict: Verdict, changed: readonly (readonly string[])[], bodyBytes: number, limitBytes: number): void {
  if (verdict.kind === 'reply') return;
  const { error } = verdict;
  if (error.code === 'body_too_large') {
    if (bodyBytes <= limitBytes) throw new Error(`413 for a ${bodyBytes}-byte body under the ${limitBytes}-byte limit`);
    return;
  }
  if (error.code !== 'invalid_payload' && error.code !== 'too_deeply_nested') {
    throw new Error(`unexpected ${error.status} ${error.code} for a JSON payload: ${error.message}`);
  }
  const at = errorPathSegments(error.path);
  if (!changed.some((path) => pathsRelated(path, at))) {
    throw new Error(`${error.code} names path "${error.path}", which no mutation touched (${changed.map((p) => p.join('.')).join(', ')})`);
  }
}

const BODY_LIMIT = 64 * 1024;

export const FUZZ_PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'payloads with fields missing, null, mistyped, huge, deep or hostile',
    weight: 40,
    build: (target) =>
      fc.asyncProperty(hostileString, fc.array(mutation, { minLength: 1, maxLength: 4 }), async (utterance, mutations) => {
        const body = serialize(mutate(fullPayload(utterance), mutations));
        const verdict = checkReply(await target.send(json(body)));
        expectNamedField(verdict, mutations.map((m) => m.path), Buffer.byteLength(body), BODY_LIMIT);
      }),
  },
  {
    name: 'hostile utterances (controls, lone surrogates, RTL, ZWJ, emoji-only, 10,000 characters) are answered',
    weight: 15,
    build: (target) =>
      fc.asyncProperty(hostileString, async (utterance) => {
        const verdict = checkReply(await target.send(json(JSON.stringify(kakaoPayload(utterance)))));
        if (verdict.kind !== 'reply') throw new Error(`a valid payload got ${verdict.error.status} ${verdict.error.code}`);
        if (!['answer', 'clarify', 'fallback', 'browse', 'small_talk'].includes(String(verdict.body.data?.outcome))) {
          throw new Error(`unexpected outcome ${String(verdict.body.data?.outcome)}`);
        }
      }),
  },
  {
    name: 'any value, up to 10,000 levels deep, in the open slots (clientExtra, params, detailParams, contexts)',
    weight: 12,
    build: (target) =>
      fc.asyncProperty(
        fc.constantFrom(...OPEN_SLOTS),
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }),
          fc.tuple(fc.constantFrom(10, 60, 64, 1_000, 10_000), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => deep(d, k)),
        ),
        hostileString,
        async (slot, value, utterance) => {
          const body = serialize(mutate(fullPayload(utterance), [{ path: slot, value }]));
          const verdict = checkReply(await target.send(json(body)));
          expectNamedField(verdict, [slot], Buffer.byteLength(body), BODY_LIMIT);
        },
      ),
  },
  {
    name: 'malformed JSON, invalid UTF-8, BOMs, wrong content types and encodings',
    weight: 20,
    build: (target) =>
      fc.asyncProperty(rawCase, async ({ request, description }) => {
        try {
          checkReply(await target.send(request));
        } catch (error) {
          throw new Error(`${(error as Error).message}\n  sent: ${description}`);
        }
      }),
  },
  {
    name: 'duplicate keys behave as JSON.parse does: the last one wins',
    weight: 10,
    build: (target) =>
      fc.asyncProperty(
        fc.constantFrom(...OBJECT_PATHS),
        fc.constantFrom('utterance', 'userRequest', 'clientExtra', 'faqId', 'id', 'name', 'zzz'),
        fc.constantFrom<unknown>('환불', '', 42, null, {}, [], { faqId: 'faq-1f2e3d4c5b6a' }, '월렛 삭제'),
        fc.constantFrom<unknown>('환불 계좌', '', 7, null, {}, true, { utterance: 'x' }),
        async (path, key, first, last) => {
          const base = fullPayload('환불');
          const duplicated = serializeWithDuplicateKey(base, path, key, first, last);
          const lastWins = serialize(mutate(base, [{ path: [...path, key], value: last }]));
          const [a, b] = [checkReply(await target.send(json(duplicated))), checkReply(await target.send(json(lastWins)))];
          if (!sameVerdict(a, b)) throw new Error(`duplicate "${key}" at "${path.join('.')}": ${describe(a)} but last-wins gives ${describe(b)}`);
        },
      ),
  },
  {
    name: 'content types: JSON is answered, anything else is refused by name',
    weight: 5,
    build: (target) =>
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) })),
        async (contentType) => {
          const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
          const verdict = checkReply(await target.send({ headers, body: JSON.stringify(kakaoPayload('환불')) }));
          if (contentType !== undefined && /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i.test(contentType) && verdict.kind !== 'reply') {
            throw new Error(`"${contentType}" got ${verdict.error.status} ${verdict.error.code}`);
          }
        },
      ),
  },
];

/** Where Kakao passes values through untyped: a button's extra, block parameters, entity values, context params. */
const OPEN_SLOTS: readonly (readonly string[])[] = [
  ['action', 'clientExtra'],
  ['action', 'clientExtra', 'faqId'],
  ['action', 'params', 'menu'],
  ['action', 'detailParams', 'menu', 'value'],
  ['action', 'detailParams', 'menu', 'origin'],
  ['contexts', '0', 'params', 'last', 'value'],
  ['contexts', '0', 'params', 'last'],
  ['userRequest', 'params', 'surface'],
  ['intent', 'extra', 'knowledge', 'matchedKnowledges', '0', 'categories'],
];

/** Paths of the objects in a full payload (where a duplicate key can go). */
const OBJECT_PATHS: readonly (readonly string[])[] = PAYLOAD_PATHS.filter((path) => {
  let node: unknown = fullPayload('환불');
  for (const key of path) {
    node = typeof node === 'object' && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node);
});

function sameVerdict(a: Verdict, b: Verdict): boolean {
  if (a.kind === 'reply' && b.kind === 'reply') return isDeepStrictEqual(a.body, b.body);
  if (a.kind === 'error' && b.kind === 'error') return a.error.code === b.error.code && a.error.path === b.error.path;
  return false;
}

function describe(v: Verdict): string {
  return v.kind === 'reply' ? `200 ${String(v.body.data?.outcome)}` : `${v.error.status} ${v.error.code} at ${v.error.path ?? ''}`;
}
