import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { COMMANDS, runKakaoFaq } from '../../src/cli/main';
import { ROOT } from '../harness';

/** `kakao-faq <command>` in-process, with what it prints through console captured. */
async function kakaoFaq(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const { code } = await runKakaoFaq(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** The launcher as a user runs it (bin/kakao-faq.cjs, the package's "bin"); resolves, never rejects. */
function launch(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kakao-faq.cjs', ...argv], { cwd: ROOT }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const NAMES = COMMANDS.map((c) => c.name);
const STACK_LINE = /^\s+at /m;

describe('kakao-faq (in-process)', () => {
  it('lists every command for --help, -h and help, and exits 0', async () => {
    expect(NAMES).toEqual(['faq', 'replay', 'fixture', 'report', 'eval', 'bench', 'loadtest', 'fuzz', 'corpus', 'audit']);
    for (const flag of ['--help', '-h', 'help']) {
      const { code, out } = await kakaoFaq(flag);
      expect(code).toBe(0);
      for (const name of NAMES) expect(out).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each(NAMES)('`%s --help` prints the usage and exits 0', async (name) => {
    const { code, out, err } = await kakaoFaq(name, '--help');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`usage: kakao-faq ${name}\\b`));
    expect(err).toBe('');
    expect((await kakaoFaq('help', name)).out).toBe(out);
  });

  it.each(NAMES)('`%s` with an unknown flag exits 2 with one message and a pointer to --help, no stack trace', async (name) => {
    const argv = name === 'faq' ? ['faq', 'lint', '--no-such-flag'] : [name, '--no-such-flag'];
    const { code, err } = await kakaoFaq(...argv);
    expect(code).toBe(2);
    expect(err).toContain("Unknown option '--no-such-flag'");
    expect(err).toContain('--help');
    expect(err).not.toMatch(STACK_LINE);
  });

  it('`faq <subcommand> --help` prints that subcommand\'s usage', async () => {
    for (const sub of ['import', 'export', 'lint', 'suggest', 'apply']) {
      const { code, out } = await kakaoFaq('faq', sub, '--help');
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^usage: kakao-faq faq ${sub}\\b`));
    }
  });

  it('exits 2 with a pointer to --help on an unknown command or option, and without a command', async () => {
    const unknown = await kakaoFaq('frobnicate');
    expect(unknown).toMatchObject({ code: 2, err: 'kakao-faq: unknown command "frobnicate"\nrun `kakao-faq --help` for usage' });
    expect((await kakaoFaq('--verbose')).err).toContain('unknown option "--verbose"');
    const none = await kakaoFaq();
    expect(none.code).toBe(2);
    expect(none.err).toContain('usage: kakao-faq <command>');
  });

  it('a bad value is a usage mistake (2), with the message and no stack trace', async () => {
    for (const argv of [
      ['report', '--top', '0'],
      ['loadtest', '--duration', '0'],
      ['bench', '--sizes', 'many'],
      ['fuzz', '--runs', 'x'],
      ['corpus', '--size', '10'],
      ['eval', '--split', 'dev'],
    ]) {
      const { code, err } = await kakaoFaq(...argv);
      expect(code).toBe(2);
      expect(err).toMatch(new RegExp(`^kakao-faq ${argv[0]}: --\\w`));
      expect(err).not.toMatch(STACK_LINE);
    }
  });
});

describe('bin/kakao-faq.cjs (the package "bin")', () => {
  it('prints the command list for --help and exits 0', async () => {
    const { code, stdout } = await launch('--help');
    expect(code).toBe(0);
    for (const name of NAMES) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('runs bench with --expose-gc (its help included), and reports misuse with exit code 2', async () => {
    const help = await launch('bench', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: kakao-faq bench');
    const misuse = await launch('report', '--no-such-flag');
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toContain("kakao-faq report: Unknown option '--no-such-flag'");
    expect(misuse.stderr).not.toMatch(STACK_LINE);
  });

  it('is what the npm scripts alias: `npm run replay -- --help`', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'replay', '--', '--help'], { cwd: ROOT });
    expect(stdout).toContain('usage: kakao-faq replay');
  });
});
