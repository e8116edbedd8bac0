import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm, stat, symlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../harness';

/**
 * `npm start` runs `prestart` (the build) on every start; a full TypeScript build took 11–20 s. It must
 * build a fresh checkout, and skip the build when no source changed since. Runs the real npm scripts in a
 * copy of the sources (so the repository's own dist/ is untouched); judged by the output's mtime.
 */

jest.setTimeout(180_000);

describe('npm run prestart', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'build-test-'));
    for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'skills']) {
      await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    }
    await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const prestart = () => execFileSync('npm', ['run', '--silent', 'prestart'], { cwd: dir, stdio: 'pipe' });
  const builtAt = async () => (await stat(path.join(dir, 'dist/src/main.js'))).mtimeMs;

  it('builds a fresh checkout, skips the build when nothing changed, and rebuilds after a source change', async () => {
    prestart();
    const first = await builtAt();
    // an old output: a rebuild would be visible in the mtime even on a coarse clock
    const old = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, 'dist/src/main.js'), old, old);
    const aged = await builtAt();

    prestart();
    expect(await builtAt()).toBe(aged);
    expect(first).toBeGreaterThan(aged);

    await appendFile(path.join(dir, 'src/main.ts'), '\n// a change\n');
    prestart();
    expect(await builtAt()).toBeGreaterThan(aged);
  });
});
