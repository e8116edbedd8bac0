import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's own import graph, read from the source text: every relative import, re-export, `require()` and
 * `import()` of each TypeScript file, resolved to a file path relative to the repository root. A type-only import
 * (`import type`, `export type`, or braces whose every name is `type X`, or an `import('…')` in a type position) is
 * marked, because the rules allow some rooms to share types without sharing code.
 */

export interface ImportEdge {
  /** The importing file, relative to the root (posix separators). */
  readonly from: string;
  /** The imported file or folder, relative to the root, without extension resolution. */
  readonly to: string;
  readonly typeOnly: boolean;
  /** 1-based line of the import. */
  readonly line: number;
}

const STATIC_IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'(\.{1,2}\/[^']*)'/gm;
const BARE_IMPORT = /^\s*import\s+'(\.{1,2}\/[^']*)'/gm;
const CALL_IMPORT = /(await\s+)?\b(import|require|jest\.mock|jest\.requireActual)\(\s*'(\.{1,2}\/[^']*)'\s*\)/g;

/** The imports of one file's source text. */
export function importsOf(file: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const at = (index: number) => source.slice(0, index).split('\n').length;
  const target = (specifier: string) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  for (const m of source.matchAll(STATIC_IMPORT)) {
    const names = m[3] ?? '';
    const braced = /^\{([^}]*)\}$/.exec(names.trim());
    const everyNameIsType =
      braced !== null && braced[1]!.split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '));
    edges.push({ from: file, to: target(m[4]!), typeOnly: Boolean(m[2]) || everyNameIsType, line: at(m.index) });
  }
  for (const m of source.matchAll(BARE_IMPORT)) edges.push({ from: file, to: target(m[1]!), typeOnly: false, line: at(m.index) });
  for (const m of source.matchAll(CALL_IMPORT)) {
    // `import('./x').Type` in a type annotation loads nothing; an awaited import() or a require() does.
    const typePosition = m[2] === 'import' && !m[1] && source[m.index + m[0].length] === '.' && !/^\.then\b/.test(source.slice(m.index + m[0].length));
    edges.push({ from: file, to: target(m[3]!), typeOnly: typePosition, line: at(m.index) });
  }
  return edges;
}

/** Every `.ts` file under `folders` (relative to `root`), skipping node_modules and dist. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist' && entry.name !== 'fixtures') walk(rel);
      } else if (entry.name.endsWith('.ts')) files.push(rel);
    }
  };
  for (const folder of folders) walk(folder);
  return files.sort();
}

/** The import graph of `files`. */
export function importGraph(root: string, files: readonly string[]): ImportEdge[] {
  return files.flatMap((file) => importsOf(file, readFileSync(path.join(root, file), 'utf8')));
}
