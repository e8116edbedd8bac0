import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFaqSets, type FaqSetDefinition } from '../../faq/sets/sets-file';
import { formatCsv } from '../../faq-admin/formats/csv-format';
import { importFaqSources } from '../../faq-admin/formats/import-sources';
import { formatProblem } from '../../faq-admin/formats/source-result';
import { formatXlsx } from '../../faq-admin/formats/xlsx-format';
import { UsageError } from '../command-line';
import type { CliIo, Command } from './command';

export const EXPORT_USAGE = `faq export --format csv|xlsx [--out file] [--from data/faq.json | --set name] [--headers ko|en]
  Writes the FAQ as a spreadsheet with 지식+-style columns (Korean headers by default) that
  \`faq import\` reads back without loss. CSV goes to stdout when --out is not given. --from may be any
  importable file, so export also converts (e.g. .xlsx → .csv). Without --from it exports what the server
  serves: with FAQ_SETS_FILE, every set, one file each (--out faq.xlsx writes faq.<set>.xlsx), or only
  the set named by --set.`;

/** One file to export and where it goes (undefined: stdout). */
interface ExportJob {
  from: string;
  out: string | undefined;
}

/**
 * What to export: `--from` as given; else the configured sets (FAQ_SETS_FILE, or FAQ_FILE as the one set
 * "default"), all of them or the one `--set` names. Several sets need --out (one file per set).
 */
async function exportJobs(values: { from?: string; set?: string; out?: string }, io: CliIo): Promise<ExportJob[]> {
  if (values.from !== undefined) {
    if (values.set !== undefined) throw new UsageError('give --from or --set, not both');
    return [{ from: values.from, out: values.out }];
  }
  const layout = await resolveFaqSets(io.defaults);
  const names = layout.sets.map((s) => s.name);
  let sets: readonly FaqSetDefinition[] = layout.sets;
  if (values.set !== undefined) {
    sets = layout.sets.filter((s) => s.name === values.set);
    if (sets.length === 0) throw new UsageError(`unknown set "${values.set}"; the configured sets are: ${names.join(', ')}`);
  }
  if (sets.length === 1) return [{ from: sets[0]!.faqFile, out: values.out }];
  if (values.out === undefined) {
    throw new UsageError(`${sets.length} FAQ sets are configured (${names.join(', ')}): give --out file to write one file per set, or --set name`);
  }
  const out = values.out;
  const ext = path.extname(out);
  return sets.map((s) => ({ from: s.faqFile, out: `${out.slice(0, out.length - ext.length)}.${s.name}${ext}` }));
}

/** `faq export`: exit 0 when written, 1 when an input has problems (that file is not written). */
export const exportCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      set: { type: 'string' },
      headers: { type: 'string', default: 'ko' },
    },
  });
  const format = values.format;
  if (format !== 'csv' && format !== 'xlsx') throw new UsageError('--format must be csv or xlsx');
  const headers = values.headers;
  if (headers !== 'ko' && headers !== 'en') throw new UsageError('--headers must be ko or en');
  if (format === 'xlsx' && values.out === undefined && io.stdoutIsTTY) {
    throw new UsageError('an .xlsx workbook is binary: give --out file.xlsx (or redirect stdout)');
  }

  let code = 0;
  for (const job of await exportJobs(values, io)) {
    const source = await importFaqSources([job.from], { dedupe: false });
    if (source.problems.length > 0) {
      for (const problem of source.problems) io.err(`problem: ${formatProblem(problem)}`);
      io.err(`not exported: ${job.from} has ${source.problems.length} problem(s)`);
      code = 1;
      continue;
    }
    const data = format === 'csv' ? formatCsv(source.entries, headers) : await formatXlsx(source.entries, headers);
    if (job.out === undefined) {
      await io.writeStdout(data);
    } else {
      await writeFile(job.out, data);
      io.err(`wrote ${source.entries.length} entries from ${job.from} to ${job.out}`);
    }
  }
  return code;
};
