import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './harness/server-process';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { ROOT } from './harness/test-app';
import { faqFileText, sampleDataDir, sampleEntries } from './faq/sample-data';

/**
 * The composition root as operators run it: a real process with a sets file, reloaded with SIGHUP
 * (file watching off, so only the signal can explain a reload).
 */

const MAIN = path.join(ROOT, 'src/main.ts');
/** tsx by absolute URL: the server runs in a temp dir, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(require.resolve('tsx')).href;

/** Starts the server; `waitFor` resolves with the first JSON log line from now on that matches. */
function start(env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', FAQ_WATCH: 'false', HOST: '127.0.0.1', WORKERS: '1', METRICS_PORT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const waiters: { match(line: Record<string, unknown>): boolean; resolve(line: Record<string, unknown>): void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text);
    } catch {
      return;
    }
    for (const w of waiters.splice(0)) (w.match(line) ? w.resolve(line) : waiters.push(w));
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return {
    child,
    stderr: () => stderr,
    waitFor: (match: (line: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => waiters.push({ match, resolve })),
  };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = await exited;
  return code as number | null;
}

describe('the server process', () => {
  let data: Awaited<ReturnType<typeof sampleDataDir>>;
  beforeEach(async () => {
    data = await sampleDataDir();
  });
  afterEach(() => data.cleanup());

  it('serves the sets of FAQ_SETS_FILE and reloads them on SIGHUP, keeping the old data when the new is broken', async () => {
    const shopFile = path.join(data.dir, 'shop.json');
    await writeFile(shopFile, faqFileText(sampleEntries(10)));
    const setsFile = path.join(data.dir, 'faq-sets.json');
    await writeFile(setsFile, JSON.stringify({ defaultSet: 'main', sets: { main: { faqFile: 'faq.json' }, shop: { faqFile: 'shop.json', botIds: ['bot-shop'] } } }));
    const port = await freePort();
    const server = start({ PORT: String(port), FAQ_SETS_FILE: setsFile, SYNONYMS_FILE: data.synonymsFile }, data.dir);
    const health = async () => (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { faqSets: Record<string, { version: string; reloadError?: { kind: string } }> };
    try {
      await server.waitFor((l) => l.msg === 'listening');
      const before = await health();
      expect(Object.keys(before.faqSets)).toEqual(['main', 'shop']);

      await writeFile(shopFile, faqFileText(sampleEntries(11)));
      const reloaded = server.waitFor((l) => l.msg === 'FAQ set reloaded');
      server.child.kill('SIGHUP');
      expect(await reloaded).toMatchObject({ faqSet: 'shop', trigger: 'SIGHUP', previousVersion: before.faqSets.shop!.version });
      const after = await health();
      expect(after.faqSets.shop!.version).not.toBe(before.faqSets.shop!.version);
      expect(after.faqSets.main!.version).toBe(before.faqSets.main!.version);

      await writeFile(data.faqFile, '{"schemaVersion": 1, "entries": [');
      const rejected = server.waitFor((l) => l.msg === 'FAQ reload rejected; still serving the previous version');
      server.child.kill('SIGHUP');
      expect(await rejected).toMatchObject({ faqSet: 'main', level: 50, faqVersion: before.faqSets.main!.version });
      const broken = await health();
      expect(broken.faqSets.main!.version).toBe(before.faqSets.main!.version);
      expect(broken.faqSets.main!.reloadError).toEqual({ at: expect.any(String), kind: 'invalid_json' });
    } finally {
      expect(await stop(server.child)).toBe(0);
    }
  });

  it('does not start when FAQ_SETS_FILE names a missing file', async () => {
    const server = start({ PORT: '0', FAQ_SETS_FILE: path.join(data.dir, 'missing.json') }, data.dir);
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/FAQ sets file .*missing\.json is not usable:\n {2}- cannot read: ENOENT/);
  });
});
