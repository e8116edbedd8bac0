import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importFaqSources } from '../../faq-admin/formats/import-sources';
import { formatProblem } from '../../faq-admin/formats/source-result';
import { writeFaqFile } from '../../faq-admin/write-faq';
import { createProgress } from './progress';
import { UsageError } from '../command-line';
import type { Command } from './command';

const DEFAULT_SOURCE_DIR = 'data/sources/help-center';

export const IMPORT_USAGE = `faq import [files…] [--out data/faq.json] [--partial]
  Reads help-center pages (.txt), spreadsheets (.csv, .tsv, .xlsx) and FAQ JSON (.json) and writes one FAQ
  data file. With no files, imports every .txt in ${DEFAULT_SOURCE_DIR}/. Every rejected row is printed with
  file, line or row and reason. If any row is rejected, nothing is written (the server may be watching the
  file) unless --partial is given; the exit code is 1 either way.`;

/** `faq import`: exit 0 only when every row of every file became an entry. */
export const importCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', default: io.defaults.faqFile }, partial: { type: 'boolean', default: false } },
  });
  const files = positionals.length > 0 ? positionals : await listTextFiles(DEFAULT_SOURCE_DIR);
  if (files.length === 0) throw new UsageError(`no source files given and none found in ${DEFAULT_SOURCE_DIR}`);

  const progress = createProgress();
  const result = await importFaqSources(files, { onProgress: (file, done, total) => progress.update(file, done, total) });
  progress.stop();

  for (const summary of result.files) {
    const extra = [summary.rejected ? `${summary.rejected} rejected` : '', summary.blankRows ? `${summary.blankRows} blank rows skipped` : '']
      .filter(Boolean)
      .join(', ');
    io.out(`${summary.file}: ${summary.entries} entries${extra ? ` (${extra})` : ''}`);
  }
  for (const note of result.notes) io.err(`note: ${note}`);
  for (const problem of result.problems) io.err(`rejected: ${formatProblem(problem)}`);

  const rejected = result.files.reduce((n, f) => n + f.rejected, 0);
  if (result.entries.length === 0) {
    io.err(`nothing to write: no entries were imported`);
    return 1;
  }
  if (rejected > 0 && !values.partial) {
    const good = result.entries.length;
    io.err(`not written: ${rejected} row(s) or entries rejected; fix them, or pass --partial to write the ${good} good entries`);
    return 1;
  }
  const faq = await writeFaqFile(values.out, result.entries);
  io.out(`wrote ${faq.entries.length} entries to ${values.out}${rejected ? `; ${rejected} rejected` : ''}`);
  return rejected > 0 ? 1 : 0;
};

async function listTextFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => path.join(dir, n));
}
