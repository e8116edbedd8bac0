import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../harness';

/** Runs the npm postinstall script as npm would, with `env` as the whole environment. */
function install(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/install-model-server.cjs'), ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const withPython = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const withoutPython = { PATH: '/nonexistent', HOME: process.env.HOME ?? '' };

describe('scripts/install-model-server.cjs (npm postinstall)', () => {
  it('skips when the pinned versions are already installed', () => {
    const { status, output } = install(withPython);
    expect(status).toBe(0);
    expect(output).toContain('local embedding server already installed');
  });

  it('never fails npm install without Python: one clear lexical-only notice instead', () => {
    const { status, output } = install(withoutPython);
    expect(status).toBe(0);
    expect(output).toContain('Python 3 not found');
    expect(output).toContain('the FAQ will be matched lexically only');
  });

  it('with --require (CI, the image) fails loudly when it cannot install', () => {
    const { status, output } = install(withoutPython, '--require');
    expect(status).toBe(1);
    expect(output).toContain('Python 3 not found');
  });

  it('honours KAKAO_FAQ_SKIP_MODEL_INSTALL=1, but not under --require', () => {
    expect(install({ ...withoutPython, KAKAO_FAQ_SKIP_MODEL_INSTALL: '1' })).toEqual({ status: 0, output: expect.stringContaining('not installing') });
    expect(install({ ...withoutPython, KAKAO_FAQ_SKIP_MODEL_INSTALL: '1' }, '--require').status).toBe(1);
  });
});
