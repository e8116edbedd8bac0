/**
 * A compact, path-by-path diff of two JSON values, for snapshot comparison. Paths read like
 * `template.outputs[0].textCard.title`; ignore patterns use the same syntax with `*` for any key or index.
 */

export type JsonDiffKind = 'changed' | 'missing' | 'unexpected';

export interface JsonDiffEntry {
  path: string;
  kind: JsonDiffKind;
  /** The snapshot's value (absent for `unexpected`). */
  expected?: unknown;
  /** The response's value (absent for `missing`). */
  actual?: unknown;
}

type Segment = string | number;

/** "data.candidates[0].faqId" → ["data", "candidates", 0, "faqId"]; "[*]" and ".*" become "*". */
export function parsePath(pattern: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of pattern.split('.')) {
    const match = /^([^[\]]*)((?:\[(?:\d+|\*)\])*)$/.exec(part);
    if (!match) throw new Error(`bad path "${pattern}" near "${part}"`);
    if (match[1]) segments.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+|\*)\]/g)) {
      segments.push(index[1] === '*' ? '*' : Number(index[1]));
    }
  }
  return segments;
}

export function formatPath(segments: readonly Segment[]): string {
  return segments.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s), '') || '(root)';
}

/** True when a pattern is a prefix of the path (so ignoring "data" ignores all of data). */
function isIgnored(path: readonly Segment[], patterns: readonly Segment[][]): boolean {
  return patterns.some(
    (pattern) => pattern.length <= path.length && pattern.every((seg, i) => seg === '*' || seg === path[i]),
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface JsonDiffOptions {
  ignore?: readonly string[];
  /** Applied to every string on both sides before comparing (e.g. to drop a server's origin). */
  normalizeString?: (value: string) => string;
}

/** Every difference between `expected` and `actual`, in document order. */
export function diffJson(expected: unknown, actual: unknown, options: JsonDiffOptions = {}): JsonDiffEntry[] {
  const patterns = (options.ignore ?? []).map(parsePath);
  const norm = options.normalizeString ?? ((s: string) => s);
  const out: JsonDiffEntry[] = [];

  const walk = (exp: unknown, act: unknown, path: Segment[]) => {
    if (isIgnored(path, patterns)) return;
    if (Array.isArray(exp) && Array.isArray(act)) {
      for (let i = 0; i < Math.max(exp.length, act.length); i++) {
        const sub = [...path, i];
        if (i >= act.length) {
          if (!isIgnored(sub, patterns)) out.push({ path: formatPath(sub), kind: 'missing', expected: exp[i] });
        } else if (i >= exp.length) {
          if (!isIgnored(sub, patterns)) out.push({ path: formatPath(sub), kind: 'unexpected', actual: act[i] });
        } else {
          walk(exp[i], act[i], sub);
        }
      }
      return;
    }
    if (isObject(exp) && isObject(act)) {
      for (const key of Object.keys(exp)) {
        const sub = [...path, key];
        if (!(key in act)) {
          if (!isIgnored(sub, patterns)) out.push({ path: formatPath(sub), kind: 'missing', expected: exp[key] });
        } else {
          walk(exp[key], act[key], sub);
        }
      }
      for (const key of Object.keys(act)) {
        const sub = [...path, key];
        if (!(key in exp) && !isIgnored(sub, patterns)) out.push({ path: formatPath(sub), kind: 'unexpected', actual: act[key] });
      }
      return;
    }
    const same = typeof exp === 'string' && typeof act === 'string' ? norm(exp) === norm(act) : Object.is(exp, act);
    if (!same) out.push({ path: formatPath(path), kind: 'changed', expected: exp, actual: act });
  };

  walk(expected, actual, []);
  return out;
}

/** A JSON value on one line, cut to `max` characters. */
export function compactJson(value: unknown, max = 80): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
