import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatCsv } from '../../src/faq/formats/csv-format';
import { importFaqSources } from '../../src/faq/formats/import-sources';
import { formatProblem } from '../../src/faq/formats/source-result';
import { formatXlsx } from '../../src/faq/formats/xlsx-format';
import { UsageError, type Command } from './command';

export const EXPORT_USAGE = `faq export --format csv|xlsx [--out file] [--from data/faq.json] [--headers ko|en]
  Writes the FAQ as a spreadsheet with 지식+-style columns (Korean headers by default) that
  \`faq import\` reads back without loss. CSV goes to stdout when --out is not given. --from may be any
  importable file, so export also converts (e.g. .xlsx → .csv).`;

/** `faq export`: exit 0 when written, 1 when the input has problems (nothing is written then). */
export const exportCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string', default: io.defaults.faqFile },
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

  const source = await importFaqSources([values.from], { dedupe: false });
  if (source.problems.length > 0) {
    for (const problem of source.problems) io.err(`problem: ${formatProblem(problem)}`);
    io.err(`not exported: ${values.from} has ${source.problems.length} problem(s)`);
    return 1;
  }
  const data = format === 'csv' ? formatCsv(source.entries, headers) : await formatXlsx(source.entries, headers);
  if (values.out === undefined) {
    await io.writeStdout(data);
  } else {
    await writeFile(values.out, data);
    io.err(`wrote ${source.entries.length} entries to ${values.out}`);
  }
  return 0;
};
