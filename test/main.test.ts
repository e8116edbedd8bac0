import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, spawnServer } from './harness';
import { faqFileText, sampleDataDir, sampleEntries } from './faq/sample-data';

/**
 * The composition root as operators run it: a real process with a sets file, reloaded with SIGHUP
 * (file watching off, so only the signal can explain a reload).
 */

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
    const server = spawnServer({ PORT: String(port), FAQ_SETS_FILE: setsFile, SYNONYMS_FILE: data.synonymsFile }, { cwd: data.dir });
    const health = async () => (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { faqSets: Record<string, { version: string; reloadError?: { kind: string } }> };
    try {
      await server.waitForLine((l) => l.msg === 'listening');
      const before = await health();
      expect(Object.keys(before.faqSets)).toEqual(['main', 'shop']);

      await writeFile(shopFile, faqFileText(sampleEntries(11)));
      const reloaded = server.waitForLine((l) => l.msg === 'FAQ set reloaded');
      server.child.kill('SIGHUP');
      expect(await reloaded).toMatchObject({ faqSet: 'shop', trigger: 'SIGHUP', previousVersion: before.faqSets.shop!.version });
      const after = await health();
      expect(after.faqSets.shop!.version).not.toBe(before.faqSets.shop!.version);
      expect(after.faqSets.main!.version).toBe(before.faqSets.main!.version);

      await writeFile(data.faqFile, '{"schemaVersion": 1, "entries": [');
      const rejected = server.waitForLine((l) => l.msg === 'FAQ reload rejected; still serving the previous version');
      server.child.kill('SIGHUP');
      expect(await rejected).toMatchObject({ faqSet: 'main', level: 50, faqVersion: before.faqSets.main!.version });
      const broken = await health();
      expect(broken.faqSets.main!.version).toBe(before.faqSets.main!.version);
      expect(broken.faqSets.main!.reloadError).toEqual({ at: expect.any(String), kind: 'invalid_json' });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('does not start when FAQ_SETS_FILE names a missing file', async () => {
    const server = spawnServer({ PORT: '0', FAQ_SETS_FILE: path.join(data.dir, 'missing.json') }, { cwd: data.dir });
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/FAQ sets file .*missing\.json is not usable:\n {2}- cannot read: ENOENT/);
  });
});
