import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFaqSets } from '../../faq/sets/sets-file';
import { lintFile, type LintReport } from '../../faq-admin/lint/lint-faq';
import { UsageError } from '../command-line';
import type { Command } from './command';

export const LINT_USAGE = `faq lint [files…] [--synonyms file] [--threshold 0.8] [--check-links] [--json]
  Checks FAQ files (any importable format) for invalid entries, duplicate and near-duplicate questions,
  entries that collide in matching, answers longer than a card shows, empty or broken URLs and categories
  deeper than 4. With no files, checks every FAQ set the server is configured with (FAQ_SETS_FILE or
  FAQ_FILE). --threshold sets how alike two questions must be to be reported as near duplicates.
  --check-links also requests every URL. Exit code 1 if there are errors; warnings do not fail.`;

/** `faq lint`: exit 1 when any file has errors, 0 otherwise (warnings included). */
export const lintCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      synonyms: { type: 'string' },
      'check-links': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      threshold: { type: 'string' },
    },
  });
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) throw new UsageError('--threshold must be in (0, 1]');

  const targets =
    positionals.length > 0
      ? positionals.map((file) => ({ file, synonymsFile: values.synonyms ?? io.defaults.synonymsFile }))
      : (await resolveFaqSets(io.defaults)).sets.map((s) => ({ file: s.faqFile, synonymsFile: values.synonyms ?? s.synonymsFile }));

  const reports: LintReport[] = [];
  for (const target of targets) {
    reports.push(
      await lintFile(target.file, {
        synonymsFile: target.synonymsFile,
        checkLinks: values['check-links'],
        ...(threshold !== undefined ? { nearDuplicateThreshold: threshold } : {}),
      }),
    );
  }

  if (values.json) io.out(JSON.stringify({ reports }, null, 2));
  else for (const report of reports) printReport(report, io.out);
  return reports.some((r) => r.errors > 0) ? 1 : 0;
};

function printReport(report: LintReport, out: (line: string) => void): void {
  const relative = path.relative(process.cwd(), report.file);
  const file = relative.startsWith('..') || path.isAbsolute(relative) ? report.file : relative;
  out(`${file}: ${report.entries} entries, ${report.errors} error(s), ${report.warnings} warning(s)`);
  for (const f of report.findings) {
    const where = f.location ? `${f.location}: ` : '';
    out(`  ${f.severity.padEnd(7)} ${f.rule.padEnd(18)} ${where}${f.message}`);
  }
}
