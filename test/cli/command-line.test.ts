import { ConfigError } from '../../src/config';
import { integerOption, parseCommandArgs, runCommand, UsageError, wantsHelp, type CliCommand } from '../../src/cli/command-line';

/** Runs a command whose `run` does `body`, capturing what runCommand prints. */
async function run(body: (args: string[]) => Promise<number>, args: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const command: CliCommand = { name: 'demo', usage: 'usage: kakao-faq demo [--n 1]', run: body };
  const code = await runCommand(command, args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runCommand: one exit-code policy for every command', () => {
  it('prints the usage for --help or -h before a `--`, without running the command', async () => {
    const body = jest.fn(async () => 0);
    expect(await run(body, ['x', '-h'])).toEqual({ code: 0, out: 'usage: kakao-faq demo [--n 1]', err: '' });
    expect(body).not.toHaveBeenCalled();
    expect(wantsHelp(['--', '--help'])).toBe(false);
  });

  it('passes the exit code of the command through: 1 is a red result', async () => {
    expect((await run(async () => 1)).code).toBe(1);
  });

  it('a usage mistake is 2, one message and a pointer to --help', async () => {
    const parse = (args: string[]) => parseCommandArgs({ args, options: { n: { type: 'string' } } });
    expect(await run(async (args) => (parse(args), 0), ['--m'])).toMatchObject({ code: 2, err: expect.stringMatching(/^kakao-faq demo: Unknown option '--m'.*\nrun `kakao-faq demo --help` for usage$/s) });
    expect(await run(async () => integerOption('n', 'zero'), [])).toEqual({
      code: 2,
      out: '',
      err: 'kakao-faq demo: --n must be a positive integer, got "zero"\nrun `kakao-faq demo --help` for usage',
    });
    expect((await run(async () => Promise.reject(new UsageError('give --out')))).err).toMatch(/^kakao-faq demo: give --out\n/);
  });

  it('a failure the message explains prints the message alone (1); a configuration problem is 2', async () => {
    expect(await run(async () => Promise.reject(new Error('no such set "x"')))).toEqual({ code: 1, out: '', err: 'no such set "x"' });
    expect(await run(async () => Promise.reject(new ConfigError('Invalid configuration:\n  - PORT: bad')))).toMatchObject({ code: 2, err: 'Invalid configuration:\n  - PORT: bad' });
  });

  it('a programming error keeps its stack, so the bug can be found', async () => {
    const { code, err } = await run(async () => Promise.reject(new TypeError('x is not a function')));
    expect(code).toBe(1);
    expect(err).toMatch(/^TypeError: x is not a function\n\s+at /);
  });
});

describe('integerOption', () => {
  it('says which range it wanted', () => {
    expect(integerOption('runs', '0', 0)).toBe(0);
    expect(() => integerOption('retries', 'many', 0)).toThrow('--retries must be a whole number, got "many"');
    expect(() => integerOption('top', '1.5')).toThrow('--top must be a positive integer, got "1.5"');
    expect(() => integerOption('duration', '121', 1, 120)).toThrow('--duration must be an integer from 1 to 120, got "121"');
    expect(() => integerOption('n', '')).toThrow(UsageError);
  });
});
