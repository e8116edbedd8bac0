/**
 * `kakao-faq <command> [--help]`: the one entry point of the operator and QA tools. bin/kakao-faq.cjs runs it
 * through tsx; the npm scripts (`npm run replay -- …`) are short aliases of the same commands.
 *
 * Exit codes (src/cli/command-line.ts): 0 success, 1 a red result or a failure the message explains,
 * 2 a user mistake (unknown command or flag, bad value), with a pointer to --help and no stack trace.
 */
import { consoleOutput, EXIT, helpPointer, runCommand, type CliCommand, type CommandOutput } from './command-line';

interface CommandEntry {
  name: string;
  summary: string;
  /** Loaded only when run, so `kakao-faq --help` does not load every tool's dependencies. */
  load(): CliCommand;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'faq', summary: 'import, export, lint, suggest and apply FAQ data', load: () => (require('./faq/cli') as typeof import('./faq/cli')).faqCommand },
  { name: 'replay', summary: 'replay payload fixtures against the skill and check the replies', load: () => (require('./replay/command') as typeof import('./replay/command')).replayCommand },
  { name: 'fixture', summary: 'write a payload fixture from an utterance or a logged request', load: () => (require('./replay/fixture-command') as typeof import('./replay/fixture-command')).fixtureCommand },
  { name: 'report', summary: 'what customers ask that the FAQ does not cover, from the server logs', load: () => (require('./report/command') as typeof import('./report/command')).reportCommand },
  { name: 'eval', summary: 'answer rates on a labelled utterance set (--tune fits the fusion)', load: () => (require('./eval/command') as typeof import('./eval/command')).evalCommand },
  { name: 'bench', summary: 'matcher speed and memory against plain fuse.js (--semantic: entry vectors)', load: () => (require('./bench/command') as typeof import('./bench/command')).benchCommand },
  { name: 'loadtest', summary: 'the real server under load against a bare Express echo server', load: () => (require('./loadtest/command') as typeof import('./loadtest/command')).loadtestCommand },
  { name: 'fuzz', summary: 'long fuzz runs, FAQ data faults and a concurrent burst', load: () => (require('./fuzz/command') as typeof import('./fuzz/command')).fuzzCommand },
  { name: 'corpus', summary: 'write a synthetic FAQ corpus (and queries) for benchmarks', load: () => (require('./corpus/generate') as typeof import('./corpus/generate')).corpusCommand },
  { name: 'audit', summary: "CI's dependency audit of the production dependencies", load: () => (require('./audit-gate/command') as typeof import('./audit-gate/command')).auditCommand },
];

export const OVERVIEW = `usage: kakao-faq <command> [options]      (in this checkout: npx kakao-faq …, or npm run kakao-faq -- …)

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Run \`kakao-faq <command> --help\` for a command's options. Exit codes: 0 success, 1 a red result or a
failure the message explains, 2 a usage mistake.`;

/** Runs one `kakao-faq` command line; resolves to the exit code and whether to end the process at once. */
export async function runKakaoFaq(argv: readonly string[], output: CommandOutput = consoleOutput): Promise<{ code: number; exitNow: boolean }> {
  const [name, ...args] = argv;
  if (name === undefined) {
    output.err(OVERVIEW);
    return { code: EXIT.usage, exitNow: false };
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === args[0]) : undefined;
    output.out(topic ? topic.load().usage : OVERVIEW);
    return { code: EXIT.ok, exitNow: false };
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const what = name.startsWith('-') ? `unknown option "${name}"` : `unknown command "${name}"`;
    output.err(`kakao-faq: ${what}\n${helpPointer()}`);
    return { code: EXIT.usage, exitNow: false };
  }
  const command = entry.load();
  const code = await runCommand(command, args, output);
  // After a failure, a server or socket the command left open must not keep the process alive.
  return { code, exitNow: command.exitWhenDone === true || code !== EXIT.ok };
}

/** The process entry (bin/kakao-faq.cjs, or `tsx src/cli/main.ts`). */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  runKakaoFaq(argv).then(
    ({ code, exitNow }) => {
      process.exitCode = code;
      if (exitNow) process.exit(code);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(EXIT.failed);
    },
  );
}

if (require.main === module) main();
