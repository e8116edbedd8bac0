/**
 * `kakao-faq faq`, the operators' FAQ tool (`npm run faq -- …` is its alias):
 *
 *   npm run faq -- import [files…] [--out data/faq.json] [--partial]
 *   npm run faq -- export --format csv|xlsx [--out file] [--from data/faq.json] [--headers ko|en]
 *   npm run faq -- lint [files…] [--synonyms file] [--check-links] [--json]
 *   npm run faq -- suggest [--log file…] [--feedback file] [--since 7d] [--min-count 2] [--out suggestions.json]
 *   npm run faq -- apply suggestions.json [--faq data/faq.json] [--out data/faq.json]
 *
 * Defaults (FAQ_FILE, SYNONYMS_FILE, FAQ_SETS_FILE) come from the server's configuration (.env), so the
 * tool works on the files the server serves. Exit codes: 0 success, 1 the data has problems, 2 misuse.
 */
import { loadConfig } from '../../config';
import { FaqDataError } from '../../faq/load-faq';
import { FaqSetsFileError } from '../../faq/sets/sets-file';
import { XlsxExportError } from '../../faq-admin/formats/xlsx-format';
import { helpPointer, isParseArgsError, UsageError, wantsHelp, type CliCommand } from '../command-line';
import type { CliIo, Command } from './command';
import { exportCommand, EXPORT_USAGE } from './export-command';
import { importCommand, IMPORT_USAGE } from './import-command';
import { lintCommand, LINT_USAGE } from './lint-command';
import { applyCommand, APPLY_USAGE } from './apply-command';
import { suggestCommand, SUGGEST_USAGE } from './suggest-command';

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  import: { run: importCommand, usage: IMPORT_USAGE },
  export: { run: exportCommand, usage: EXPORT_USAGE },
  lint: { run: lintCommand, usage: LINT_USAGE },
  suggest: { run: suggestCommand, usage: SUGGEST_USAGE },
  apply: { run: applyCommand, usage: APPLY_USAGE },
};

const USAGE = `usage: kakao-faq faq <command> …      (npm run faq -- <command> …)\n\n${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('\n\n')}`;

const subcommand = (name: string | undefined) => (name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined);

/** What `faq … --help` prints: the named subcommand's usage, else every subcommand's. */
function usageFor(argv: readonly string[]): string {
  const command = subcommand(argv[0]);
  return command ? `usage: kakao-faq ${command.usage}` : USAGE;
}

/** Runs one `faq` command line; returns the exit code. Exported for tests, which pass their own `io`. */
export async function runFaqCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = subcommand(name);
  if (!command) {
    io.err(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (wantsHelp(args)) {
    io.out(usageFor(argv));
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`${(error as Error).message}\n${helpPointer(`faq ${name}`)}\n\nusage: npm run faq -- ${command.usage}`);
      return 2;
    }
    if (error instanceof FaqDataError || error instanceof FaqSetsFileError || error instanceof XlsxExportError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

/** The server's configuration (.env) gives the defaults; a ConfigError is a usage mistake (exit 2). */
function processIo(): CliIo {
  const config = loadConfig();
  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    writeStdout: (data) =>
      new Promise((resolve, reject) => process.stdout.write(data, (error) => (error ? reject(error) : resolve()))),
    stdoutIsTTY: process.stdout.isTTY === true,
    defaults: { faqFile: config.faqFile, synonymsFile: config.synonymsFile, faqSetsFile: config.faqSetsFile, feedbackFile: config.feedbackFile },
  };
}

export const faqCommand: CliCommand = { name: 'faq', usage: USAGE, usageFor, run: (args) => runFaqCli(args, processIo()) };
