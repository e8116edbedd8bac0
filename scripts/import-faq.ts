/**
 * Imports Kakao help-center search result pages (saved as text) into a FAQ data file.
 *
 *   npm run import-faq -- data/sources/help-center/*.txt [--out data/faq.json]
 *
 * With no files, imports every `.txt` under data/sources/help-center/. Every rejected entry is
 * reported with file, line and reason; the exit code is 1 when anything was rejected.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dedupeIds } from '../src/faq/faq-id';
import type { FaqEntryInput } from '../src/faq/faq-schema';
import { parseHelpCenterPage } from '../src/faq/help-center-page';
import { writeFaqFile } from '../src/faq/write-faq';

const DEFAULT_SOURCE_DIR = 'data/sources/help-center';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: 'data/faq.json' } },
  });
  const files = positionals.length > 0 ? positionals : await listTextFiles(DEFAULT_SOURCE_DIR);
  if (files.length === 0) {
    console.error('No source files given and none found in', DEFAULT_SOURCE_DIR);
    return 2;
  }

  const entries: FaqEntryInput[] = [];
  let rejected = 0;
  for (const file of files) {
    const source = path.basename(file);
    const result = parseHelpCenterPage(await readFile(file, 'utf8'), source);
    for (const problem of result.problems) console.error(`${file}:${problem.line}: rejected: ${problem.reason}`);
    rejected += result.problems.length;
    entries.push(...result.entries);
    console.log(`${file}: ${result.entries.length} entries`);
  }

  const faq = await writeFaqFile(values.out, dedupeIds(entries));
  console.log(`wrote ${faq.entries.length} entries to ${values.out}${rejected ? `; ${rejected} rejected` : ''}`);
  return rejected > 0 ? 1 : 0;
}

async function listTextFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.txt')).sort().map((n) => path.join(dir, n));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
