/**
 * How deeply a request body may nest. A real SkillPayload nests about 8 levels (intent → extra →
 * knowledge → matchedKnowledges → [i] → categories → [j]); 64 leaves room for an operator's own
 * `clientExtra` while keeping every later step (zod, `JSON.stringify` of params, logging) far from
 * the stack limit. JSON.parse itself copes with millions of levels; recursive code after it does not.
 */
export const MAX_JSON_DEPTH = 64;

interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly key: string | undefined;
  readonly parent: Frame | undefined;
}

/**
 * Finds the first object or array nested deeper than `maxDepth` (the root container is level 1) and
 * returns its path (`["action", "params", "x", "0", …]`), or `undefined` when the value is shallow enough.
 * Iterative, so a 1,000,000-level body cannot overflow the stack here either.
 */
export function findTooDeep(value: unknown, maxDepth: number = MAX_JSON_DEPTH): string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 1, key: undefined, parent: undefined }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.depth > maxDepth) return pathOf(frame);
    for (const [key, child] of Object.entries(frame.value)) {
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, depth: frame.depth + 1, key, parent: frame });
      }
    }
  }
  return undefined;
}

function pathOf(frame: Frame): string[] {
  const path: string[] = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/** A path for an error message: the first `keep` segments, then "…" when longer. */
export function shortPath(path: readonly string[], keep = 8): string {
  return path.length > keep ? `${path.slice(0, keep).join('.')}.…` : path.join('.');
}
