import { z } from 'zod';
import { isRecord } from './payload-fields';
import { SkillPayloadSchema, type SkillPayload } from './payload-schema';

/**
 * `SkillPayloadSchema.safeParse`, cheaper. zod spends most of a parse on its general machinery (a payload and an
 * issue list per field, every pipe and optional wrapper run as its own step); a CPU profile of the edge floor gave
 * it about 5 % of the server's busy time. Here the same schema is compiled ONCE into plain functions, one per
 * schema node, that take the path zod takes for a value it accepts and give the same output (same keys, same
 * order, same `undefined`s, fresh objects where zod makes them, the sent values where zod keeps them). The
 * moment a value is anything else (zod would report an issue, or a case below does not cover it) the compiled
 * reader gives up and zod parses the body: zod stays the one definition of what is accepted and of every error.
 *
 * Only the node kinds the payload schema uses are compiled: loose objects, records of string keys, arrays,
 * strings, finite numbers, booleans, unknown, optional, default and preprocess (a pipe from a transform, run as
 * is: the lenient readers in `payload-fields.ts` are plain functions of the value). Any other kind, or a node with
 * checks (refinements) or coercion, compiles to a reader that always gives up. The input is JSON as the body
 * parser gives it. test/kakao/payload-fast-path.test.ts holds it to zod's result on every payload fixture and
 * thousands of generated payloads.
 */

/** Thrown (never as an Error: no stack is captured) when the compiled reader leaves the body to zod. */
const GIVE_UP = Symbol('payload fast path: parse with zod');

type Read = (value: unknown) => unknown;
type Node = z.core.$ZodType;
type Def = z.core.$ZodTypeDef & Record<string, unknown>;

function giveUp(): never {
  throw GIVE_UP;
}

/** A plain object zod's record accepts: `Object.prototype` as its prototype and `Object` as its constructor. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Object.getPrototypeOf(value) === Object.prototype && value.constructor === Object;
}

function compile(node: Node): Read {
  const def = node._zod.def as Def;
  if ((def.checks?.length ?? 0) > 0 || def['coerce'] === true) return giveUp;
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : giveUp());
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : giveUp());
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : giveUp());
    case 'unknown':
      return (v) => v;
    case 'optional': {
      const inner = compile(def['innerType'] as Node);
      // an inner default would fill in for undefined; leave that rare shape to zod
      if ((def['innerType'] as Node)._zod.optin === 'defaulted') return giveUp;
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'default': {
      const inner = compile(def['innerType'] as Node);
      // zod reads the default through a getter each time (a fresh copy of an object default), and uses it also
      // when the inner schema reads a sent value as undefined
      return (v) => {
        if (v === undefined) return def['defaultValue'];
        const out = inner(v);
        return out === undefined ? def['defaultValue'] : out;
      };
    }
    case 'pipe':
      return compilePipe(def);
    case 'array': {
      const item = compile(def['element'] as Node);
      return (v) => {
        if (!Array.isArray(v)) giveUp();
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = item(v[i]);
        return out;
      };
    }
    case 'record':
      return compileRecord(def);
    case 'object':
      return compileObject(def);
    default:
      return giveUp;
  }
}

/** `z.preprocess(fn, schema)` is a pipe from a transform: `fn`, then the schema on what it returned. */
function compilePipe(def: Def): Read {
  const from = (def['in'] as Node)._zod.def as Def;
  if (from.type !== 'transform' || (from.checks?.length ?? 0) > 0) return giveUp;
  const transform = from['transform'] as (value: unknown, payload: unknown) => unknown;
  const next = compile(def['out'] as Node);
  // a transform that reports an issue (ctx.addIssue) or answers a promise is zod's to handle
  const payload = { issues: { push: giveUp }, addIssue: giveUp };
  return (v) => {
    const out = transform(v, payload);
    return out instanceof Promise ? giveUp() : next(out);
  };
}

function compileRecord(def: Def): Read {
  const keyDef = (def['keyType'] as Node)._zod.def as Def;
  if (keyDef.type !== 'string' || (keyDef.checks?.length ?? 0) > 0) return giveUp;
  const value = compile(def['valueType'] as Node);
  return (v) => {
    if (!isPlainRecord(v)) giveUp();
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      // zod leaves __proto__ out (writing it would replace the result's prototype)
      if (key !== '__proto__') out[key] = value(v[key]);
    }
    return out;
  };
}

interface Field {
  key: string;
  read: Read;
  /** The field's `optin`/`optout` in zod: what an absent key gives (see {@link compileObject}). */
  optin: 'optional' | 'defaulted' | undefined;
  optionalOut: boolean;
}

/**
 * A loose object: the shape's keys in the shape's order, then every other key as sent. A key that is sent is
 * always written; an absent key is written only when zod would write it (a defaulted field), and an absent
 * required key gives up, as does an absent optional one whose reader still answers a value (a shape the schema
 * does not have today: zod is left to decide it).
 */
function compileObject(def: Def): Read {
  const catchall = def['catchall'] as Node | undefined;
  if (!catchall || (catchall._zod.def as Def).type !== 'unknown') return giveUp;
  const shape = def['shape'] as Record<string, Node>;
  const fields: Field[] = Object.keys(shape).map((key) => ({
    key,
    read: compile(shape[key]!),
    optin: shape[key]!._zod.optin,
    optionalOut: shape[key]!._zod.optout === 'optional',
  }));
  const known = new Set(Object.keys(shape));
  return (v) => {
    if (!isRecord(v)) giveUp();
    const out: Record<string, unknown> = {};
    for (const { key, read, optin, optionalOut } of fields) {
      if (key in v) {
        out[key] = read(v[key]);
        continue;
      }
      if (optin === undefined) giveUp();
      const value = read(undefined);
      if (value !== undefined) {
        if (optionalOut && optin === 'optional') giveUp();
        out[key] = value;
      } else if (optin === 'defaulted' && !optionalOut) out[key] = undefined;
    }
    for (const key in v) {
      if (!known.has(key) && key !== '__proto__') out[key] = v[key];
    }
    return out;
  };
}

/** What `safeParse` answers, in the one shape the route reads. */
export type PayloadCheck = ReturnType<typeof SkillPayloadSchema.safeParse>;

/**
 * Builds a payload check for `schema` (the SkillPayload schema unless a test passes another): the compiled
 * reader, and zod's own `safeParse` whenever the reader gives up.
 */
export function payloadCheck<S extends z.ZodType>(schema: S): (body: unknown) => z.ZodSafeParseResult<z.output<S>> {
  const read = compile(schema);
  return (body) => {
    try {
      return { success: true, data: read(body) as z.output<S> };
    } catch (thrown) {
      if (thrown !== GIVE_UP) throw thrown;
      return schema.safeParse(body);
    }
  };
}

/**
 * `SkillPayloadSchema.safeParse(body)`, the same result, faster on a payload zod accepts. Use it wherever a
 * request body is checked.
 */
export const checkSkillPayload: (body: unknown) => z.ZodSafeParseResult<SkillPayload> = payloadCheck(SkillPayloadSchema);
