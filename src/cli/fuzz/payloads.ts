import fc from 'fast-check';
import { kakaoPayload } from '../../../test/harness';
import { hostileString } from './hostile-text';

/**
 * SkillPayloads with any field missing, null, of the wrong type, huge, deeply nested or full of hostile
 * text, serialized to the exact bytes sent. Deep values are spliced in as text, because building a
 * 10,000-level value and calling JSON.stringify on it would overflow the fuzzer's own stack.
 */

/** Every field Kakao documents, filled in: the base every mutation starts from. */
export function fullPayload(utterance: string): Record<string, unknown> {
  const payload = kakaoPayload(utterance, { clientExtra: { faqId: 'faq-1f2e3d4c5b6a', browse: ['카카오톡'], page: 1 } });
  payload.intent = {
    id: '6512a0c4f2b1a93e7c1d2e01',
    name: '지식+',
    extra: {
      reason: { code: 1, message: 'OK' },
      knowledge: {
        responseType: 'skill',
        matchedKnowledges: [
          { categories: ['카카오톡', '설정'], question: '환불 계좌', answer: '설정에서', landingUrl: 'https://x.test', imageUrl: 'https://x.test/a.png' },
        ],
      },
    },
  };
  const action = payload.action as Record<string, unknown>;
  action.params = { sys_date: '{"date":"2026-11-23"}', menu: '환불' };
  action.detailParams = { menu: { origin: '환불', value: '환불', groupName: '' } };
  payload.contexts = [{ name: 'faq', lifeSpan: 3, ttl: 60, params: { last: { value: 'faq-1', resolvedValue: 'faq-1' } } }];
  return payload;
}

/** Every path in {@link fullPayload} (objects and arrays alike), plus a few keys Kakao never sends. */
export const PAYLOAD_PATHS: readonly (readonly string[])[] = (() => {
  const paths: string[][] = [[]];
  const walk = (node: unknown, at: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      paths.push([...at, key]);
      walk(child, [...at, key]);
    }
  };
  walk(fullPayload('환불'), []);
  paths.push(['zzz'], ['userRequest', 'zzz'], ['action', 'clientExtra', '__proto__'], ['contexts', '1'], ['intent', 'extra', 'knowledges']);
  return paths;
})();

const DEEP = '\u0000deep:';

/** A value nested `depth` levels deep, spliced in as text at serialization. */
export interface Deep {
  [DEEP]: { depth: number; kind: 'array' | 'object' };
}

export function deep(depth: number, kind: 'array' | 'object'): Deep {
  return { [DEEP]: { depth, kind } };
}

/** The text of a value nested `depth` levels deep. */
export function deepText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** What a mutation puts at a path: `undefined` deletes the key. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 4,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant([]),
      fc.constant({}),
      fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('id', 'name', 'value', '__proto__', 'constructor', 'toString'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    ),
  },
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constant('x'.repeat(20_000)),
      fc.constant(Array.from({ length: 5_000 }, (_, i) => i)),
      fc.constant(Object.fromEntries(Array.from({ length: 1_500 }, (_, i) => [`k${i}`, i]))),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(2, 10, 63, 64, 65, 200, 10_000), fc.constantFrom('array' as const, 'object' as const))
      .map(([depth, kind]) => deep(depth, kind)),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

export interface Mutation {
  path: readonly string[];
  /** `undefined` deletes the field. */
  value: unknown;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({ path: fc.constantFrom(...PAYLOAD_PATHS), value: fieldValue });

/** Applies mutations in order to a copy of `base`; missing parents on the way become `{}`. */
export function mutate(base: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(base);
  for (const { path, value } of mutations) {
    if (path.length === 0) {
      root = value === undefined ? {} : structuredClone(value);
      continue;
    }
    let node = root;
    for (const key of path.slice(0, -1)) {
      if (typeof node !== 'object' || node === null) break;
      const record = node as Record<string, unknown>;
      // Only own properties: walking "__proto__" must not reach (and pollute) Object.prototype here.
      if (!Object.hasOwn(record, key) || typeof record[key] !== 'object' || record[key] === null) defineOwn(record, key, {});
      node = record[key];
    }
    if (typeof node !== 'object' || node === null) continue;
    const last = path[path.length - 1]!;
    if (value === undefined) delete (node as Record<string, unknown>)[last];
    // Cloned: fast-check reuses generated values (and constants) across runs and while shrinking.
    else defineOwn(node as Record<string, unknown>, last, structuredClone(value));
  }
  return root;
}

// An own "__proto__" key, as JSON.parse creates one, rather than a prototype change.
function defineOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON text of a value that may contain {@link Deep} placeholders. */
export function serialize(value: unknown): string {
  const splices: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && DEEP in v) {
      const { depth, kind } = (v as Deep)[DEEP];
      splices.push(deepText(depth, kind));
      return `${DEEP}${splices.length - 1}`;
    }
    return v;
  });
  if (text === undefined) return '';
  return splices.length === 0 ? text : text.replace(/"\\u0000deep:(\d+)"/g, (_m, i: string) => splices[Number(i)]!);
}

/** JSON text of `value` in which the object at `path` carries `key` twice: first `first`, then `last`. */
export function serializeWithDuplicateKey(value: unknown, path: readonly string[], key: string, first: unknown, last: unknown): string {
  const write = (node: unknown, at: number): string => {
    if (Array.isArray(node)) return `[${node.map((item, i) => write(item, at === path.length || path[at] !== String(i) ? -1 : at + 1)).join(',')}]`;
    if (typeof node !== 'object' || node === null) return JSON.stringify(node) ?? 'null';
    const entries = Object.entries(node).map(
      ([k, v]) => `${JSON.stringify(k)}:${write(v, at >= 0 && at < path.length && path[at] === k ? at + 1 : -1)}`,
    );
    if (at === path.length) {
      const rest = Object.entries(node).filter(([k]) => k !== key);
      const restText = rest.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
      return `{${[...restText, `${JSON.stringify(key)}:${JSON.stringify(first)}`, `${JSON.stringify(key)}:${JSON.stringify(last)}`].join(',')}}`;
    }
    return `{${entries.join(',')}}`;
  };
  return write(value, 0);
}
