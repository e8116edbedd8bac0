/** What the `faq` subcommands share: how they print and their defaults (misuse: UsageError, src/cli/command-line.ts). */

export interface CliIo {
  /** A line on stdout (results). */
  out(line: string): void;
  /** A line on stderr (problems, notes, progress). */
  err(line: string): void;
  /** Raw bytes on stdout (an export without --out). */
  writeStdout(data: string | Uint8Array): Promise<void>;
  stdoutIsTTY: boolean;
  /** From the server's configuration (.env), so the CLI works on the files the server serves. */
  defaults: {
    faqFile: string;
    synonymsFile: string;
    /** FAQ_SETS_FILE, when set. */
    faqSetsFile: string | undefined;
    /** FEEDBACK_FILE: where the server appends ratings (`suggest` reads it). */
    feedbackFile?: string;
  };
}

/** A subcommand: arguments after its name → exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;
