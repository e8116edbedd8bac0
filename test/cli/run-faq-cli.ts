import { runFaqCli } from '../../src/cli/faq/cli';
import type { CliIo } from '../../src/cli/faq/command';
import { FAQ_FILE, SYNONYMS_FILE } from '../harness';

/** Runs `npm run faq -- …args` in-process, capturing what it prints; defaults are the bundled files. */
export async function faq(args: string[], defaults: Partial<CliIo['defaults']> = {}, stdoutIsTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout: (string | Uint8Array)[] = [];
  const code = await runFaqCli(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    writeStdout: async (data) => {
      stdout.push(data);
    },
    stdoutIsTTY,
    defaults: { faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE, faqSetsFile: undefined, ...defaults },
  });
  return { code, out: out.join('\n'), err: err.join('\n'), stdout };
}
