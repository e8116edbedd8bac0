/**
 * What every `kakao-faq` command shares: its shape, how arguments are parsed, how --help is asked for, and
 * what each exit code means. src/cli/main.ts runs a command through {@link runCommand}; a command only parses
 * its own arguments and returns an exit code.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config';

/** The exit codes of every command. */
export const EXIT = {
  ok: 0,
  /** A red result (a failed replay case, lint errors, a missed target) or a failure the message explains. */
  failed: 1,
  /** A user mistake: an unknown command or flag, a bad value, a missing argument. */
  usage: 2,
} as const;

export interface CliCommand {
  /** The word after `kakao-faq` (and the npm script that aliases it). */
  readonly name: string;
  /** What `kakao-faq <name> --help` prints. */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
  /** A command with subcommands (`faq`): the usage --help prints for these arguments. */
  usageFor?(args: readonly string[]): string;
  /**
   * End the process when done even if handles are still open (`eval`: a semantic stage's model server may
   * linger), as the command always has.
   */
  readonly exitWhenDone?: boolean;
}

/** A user mistake in the arguments: the message is printed with a pointer to --help, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * node:util parseArgs rejects unknown or malformed options with TypeErrors carrying these codes (checked by
 * code, not by class: under jest the error comes from another realm's TypeError).
 */
export function isParseArgsError(error: unknown): error is Error {
  return typeof error === 'object' && error !== null && String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
}

/** node:util parseArgs over `config.args`, with every parse failure a {@link UsageError}. */
export function parseCommandArgs<T extends ParseArgsConfig & { args: string[] }>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message);
    throw error;
  }
}

/** `--help` or `-h` anywhere before a `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** A whole number ≥ `min` from option `--name`, or a {@link UsageError}. */
export function integerOption(name: string, value: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range =
      max !== Number.MAX_SAFE_INTEGER ? `an integer from ${min} to ${max}` : min === 0 ? 'a whole number' : min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
    throw new UsageError(`--${name} must be ${range}, got "${value}"`);
  }
  return n;
}

/** Where the command's output goes; tests pass their own. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export const consoleOutput: CommandOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

/**
 * Runs `command` and maps what went wrong to an exit code and a message, never a stack trace for a user
 * mistake: --help prints the usage (0); a {@link UsageError} or a parse error prints the message and a pointer
 * to --help (2); a failure the message explains (an `Error`, a file that cannot be read, a configuration
 * problem) prints its message (1, or 2 for the configuration); only a programming error (TypeError, …) keeps
 * its stack.
 */
export async function runCommand(command: CliCommand, args: string[], output: CommandOutput = consoleOutput): Promise<number> {
  if (wantsHelp(args)) {
    output.out(command.usageFor?.(args) ?? command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      output.err(`kakao-faq ${command.name}: ${error.message}\n${helpPointer(command.name)}`);
      return EXIT.usage;
    }
    output.err(describeFailure(error));
    return error instanceof ConfigError ? EXIT.usage : EXIT.failed;
  }
}

export const helpPointer = (name?: string) => `run \`kakao-faq ${name ? `${name} ` : ''}--help\` for usage`;

/** An error's message when it says what went wrong; the stack only for an error that is a bug in the tool. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const bug = error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError;
  return bug ? (error.stack ?? error.message) : error.message;
}
