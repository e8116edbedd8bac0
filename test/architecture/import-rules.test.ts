import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importGraph, importsOf, sourceFiles } from './import-graph';
import { parseApart, parseRules, resolveTarget, roomOf, siblingImports, violations, type Room } from './import-rules';

const ROOT = path.resolve(__dirname, '../..');
const map = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
const rooms = parseRules(map);
const apart = parseApart(map);
const files = sourceFiles(ROOT, ['src', 'skills', 'test']);

describe('the import rules of docs/architecture.md hold for the whole tree', () => {
  it('every source file belongs to a room of the table', () => {
    expect(files.filter((f) => !roomOf(rooms, f))).toEqual([]);
  });

  it('every path the table names exists', () => {
    const paths = rooms.flatMap((r) => r.paths);
    expect(paths.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  it('every room a rule names is a room of the table', () => {
    const known = new Set([...rooms.map((r) => r.name), '*']);
    const named = rooms.flatMap((r) => [...r.mayImport, ...r.typesFrom]);
    expect(named.filter((n) => !known.has(n))).toEqual([]);
  });

  it('no import crosses rooms against the rules', () => {
    const found = violations(rooms, importGraph(ROOT, files), (to) => resolveTarget(ROOT, to));
    const readable = found.map((v) => `${v.edge.from}:${v.edge.line} (${v.fromRoom}) imports ${v.edge.typeOnly ? 'types from ' : ''}${v.edge.to} (${v.toRoom})`);
    expect(readable).toEqual([]);
  });

  it('files of an "apart" folder never import each other', () => {
    expect(apart.length).toBeGreaterThan(0);
    expect(apart.filter((folder) => !existsSync(path.join(ROOT, folder)))).toEqual([]);
    const found = siblingImports(apart, importGraph(ROOT, files), (to) => resolveTarget(ROOT, to));
    expect(found.map((e) => `${e.from}:${e.line} imports ${e.to}`)).toEqual([]);
  });
});

describe('the import-rule check itself', () => {
  const table = [
    '<!-- import-rules:start -->',
    '| room | files | may import | types only from |',
    '|---|---|---|---|',
    '| core | `lib/core/` | — | — |',
    '| web | `lib/web/`, `lib/main.ts` | core | db |',
    '| db | `lib/db/` | core | |',
    '<!-- import-rules:end -->',
  ].join('\n');
  const testRooms: Room[] = parseRules(`# Map\n\n${table}\n`);
  const check = (file: string, source: string) => violations(testRooms, importsOf(file, source), (to) => `${to}.ts`);

  it('reads rooms, their files and both kinds of permission from the table', () => {
    expect(testRooms.map((r) => r.name)).toEqual(['core', 'web', 'db']);
    expect(roomOf(testRooms, 'lib/main.ts')?.name).toBe('web');
    expect(roomOf(testRooms, 'lib/other.ts')).toBeUndefined();
    expect([...testRooms[1]!.typesFrom]).toEqual(['db']);
  });

  it('allows imports the table allows, and imports inside a room', () => {
    expect(check('lib/web/route.ts', "import { a } from '../core/a';\nimport { b } from './b';")).toEqual([]);
  });

  it('reports an import the table does not allow, with its line', () => {
    const found = check('lib/core/a.ts', "import x from 'express';\nimport { route } from '../web/route';");
    expect(found.map((v) => [v.fromRoom, v.toRoom, v.edge.line])).toEqual([['core', 'web', 2]]);
  });

  it('allows a type-only import from a types-only room, and refuses a value import from it', () => {
    expect(check('lib/web/a.ts', "import type { Row } from '../db/row';")).toEqual([]);
    expect(check('lib/web/a.ts', "import { type Row, type Db } from '../db/row';")).toEqual([]);
    expect(check('lib/web/a.ts', "export type { Row } from '../db/row';")).toEqual([]);
    expect(check('lib/web/a.ts', "let r: import('../db/row').Row;")).toEqual([]);
    expect(check('lib/web/a.ts', "import { type Row, open } from '../db/row';")).toHaveLength(1);
    expect(check('lib/web/a.ts', "const db = require('../db/row');")).toHaveLength(1);
    expect(check('lib/web/a.ts', "const db = await import('../db/row');")).toHaveLength(1);
    expect(check('lib/web/a.ts', "export { open } from '../db/row';")).toHaveLength(1);
  });

  it('reads the "apart" folders and reports a file importing its sibling, not a file one level down', () => {
    const folders = parseApart('<!-- apart:start -->\n- `lib/web/handlers/`: one per route.\n- prose\n<!-- apart:end -->');
    expect(folders).toEqual(['lib/web/handlers/']);
    const edges = importsOf('lib/web/handlers/a.ts', "import { b } from './b';\nimport { part } from './parts/p';\nimport { c } from '../c';");
    expect(siblingImports(folders, edges, (to) => `${to}.ts`).map((e) => e.line)).toEqual([1]);
  });

  it('refuses a table without its markers or with a malformed row', () => {
    expect(() => parseRules('| room | files | may import | types only from |')).toThrow(/import-rules:start/);
    expect(() => parseRules(table.replace('| core | `lib/core/` | — | — |', '| core | lib/core | — | — |'))).toThrow(/names no files/);
  });
});
