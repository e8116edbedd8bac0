import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ImportEdge } from './import-graph';

/**
 * The import rules, read from the table between `<!-- import-rules:start -->` and `<!-- import-rules:end -->`
 * in docs/architecture.md, so the document and the check can never disagree. Each row is a room: its name,
 * its files (backticked paths; a path ending in `/` is a folder), the rooms it may import, and the rooms it
 * may import types from (and nothing else). `—` or an empty cell means none; `*` means any room.
 */

export interface Room {
  readonly name: string;
  readonly paths: readonly string[];
  readonly mayImport: ReadonlySet<string>;
  readonly typesFrom: ReadonlySet<string>;
}

export interface Violation {
  readonly edge: ImportEdge;
  readonly fromRoom: string;
  readonly toRoom: string;
}

const START = '<!-- import-rules:start -->';
const END = '<!-- import-rules:end -->';

function names(cell: string): Set<string> {
  return new Set(cell.split(',').map((n) => n.replace(/`/g, '').trim()).filter((n) => n && n !== '—' && n !== '-'));
}

/** The rooms of the rules table in `markdown`; throws when the table is missing or malformed. */
export function parseRules(markdown: string): Room[] {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error(`no ${START} … ${END} table`);
  const rows = markdown
    .slice(start + START.length, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1); // the header row
  return rows.map((row) => {
    const cells = row.slice(1, -1).split('|').map((c) => c.trim());
    if (cells.length !== 4) throw new Error(`rules row needs 4 cells: ${row}`);
    const paths = [...cells[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    if (paths.length === 0) throw new Error(`rules row names no files: ${row}`);
    return { name: cells[0]!.replace(/\*/g, ''), paths, mayImport: names(cells[2]!), typesFrom: names(cells[3]!) };
  });
}

const APART_START = '<!-- apart:start -->';
const APART_END = '<!-- apart:end -->';

/**
 * The folders whose files never import each other, from the list between `<!-- apart:start -->` and
 * `<!-- apart:end -->` (the first backticked path of each bullet).
 */
export function parseApart(markdown: string): string[] {
  const start = markdown.indexOf(APART_START);
  const end = markdown.indexOf(APART_END);
  if (start < 0 || end < start) throw new Error(`no ${APART_START} … ${APART_END} list`);
  return markdown
    .slice(start + APART_START.length, end)
    .split('\n')
    .map((line) => /^\s*-\s*`([^`]+\/)`/.exec(line)?.[1])
    .filter((folder): folder is string => folder !== undefined);
}

/** Every import from one file of an `apart` folder to another file directly in the same folder. */
export function siblingImports(apart: readonly string[], edges: readonly ImportEdge[], resolve: (to: string) => string): ImportEdge[] {
  const folderOf = (file: string) => file.slice(0, file.lastIndexOf('/') + 1);
  return edges.filter((edge) => {
    const folder = folderOf(edge.from);
    return apart.includes(folder) && folderOf(resolve(edge.to)) === folder;
  });
}

/** The room a file belongs to: the row with the longest matching path. */
export function roomOf(rooms: readonly Room[], file: string): Room | undefined {
  let best: { room: Room; length: number } | undefined;
  for (const room of rooms) {
    for (const p of room.paths) {
      const matches = p.endsWith('/') ? file.startsWith(p) : file === p;
      if (matches && (!best || p.length > best.length)) best = { room, length: p.length };
    }
  }
  return best?.room;
}

/** The file an import names: `x.ts`, `x/index.ts`, or the path itself (JSON, a folder). */
export function resolveTarget(root: string, target: string): string {
  for (const candidate of [`${target}.ts`, `${target}/index.ts`]) {
    if (existsSync(path.join(root, candidate))) return candidate;
  }
  return target;
}

/** Every import that crosses rooms against the rules. Files and targets outside every room are not judged. */
export function violations(rooms: readonly Room[], edges: readonly ImportEdge[], resolve: (to: string) => string): Violation[] {
  const found: Violation[] = [];
  for (const edge of edges) {
    const from = roomOf(rooms, edge.from);
    const to = roomOf(rooms, resolve(edge.to));
    if (!from || !to || from === to) continue;
    if (from.mayImport.has('*') || from.mayImport.has(to.name)) continue;
    if (edge.typeOnly && from.typesFrom.has(to.name)) continue;
    found.push({ edge, fromRoom: from.name, toRoom: to.name });
  }
  return found;
}
