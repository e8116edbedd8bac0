import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { copyBundledFaq, FAQ_FAULTS } from '../../src/cli/fuzz/faq-faults';
import { bundledFaq, type ServerProcess, spawnServer } from '../harness';

/**
 * Startup with bad data fails fast: the real `src/main.ts`, given a faulty FAQ_FILE, exits 1 and says on
 * stderr which file, entry and field (or which byte, or which limit) is wrong; a harmless fault starts.
 */

// One of each kind (content, encoding, size, file type); test/hardening/faq-faults.test.ts runs
// every fault through the same loader in-process, where it costs milliseconds instead of a process start.
const AT_STARTUP = ['an entry with a blank answer', 'Latin-1 bytes', 'a valid file 1 MB over the default size limit', 'a link to an endless device (/dev/zero)'];
const refused = FAQ_FAULTS.filter((fault) => AT_STARTUP.includes(fault.name));

/** At most `limit` servers at once: each spawn compiles TypeScript, and the machine is shared. */
async function inBatches<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(run));
}

describe('startup with bad FAQ data', () => {
  it('has every named fault to run', () => {
    expect(refused.map((f) => f.name).sort()).toEqual([...AT_STARTUP].sort());
  });

  it(`exits 1 naming the file, entry and field (or byte, or limit) for ${AT_STARTUP.length} kinds of fault`, async () => {
    const results: Record<string, { code: number | string; stderr: string; fatal: boolean; file: string }> = {};
    await inBatches(refused, 4, async (fault) => {
      const files = await copyBundledFaq();
      try {
        await fault.inject(files.faqFile);
        const server = spawnServer({ FAQ_FILE: files.faqFile, SYNONYMS_FILE: files.synonymsFile });
        const code = await server.exited(20_000).finally(() => server.stop());
        const fatal = server.lines.some((l) => l.level === 60 && l.msg === 'FAQ data is not usable; not starting');
        results[fault.name] = { code, stderr: server.stderr(), fatal, file: files.faqFile };
      } finally {
        await files.cleanup();
      }
    });
    for (const fault of refused) {
      const result = results[fault.name]!;
      expect({ fault: fault.name, code: result.code, fatal: result.fatal }).toEqual({ fault: fault.name, code: 1, fatal: true });
      expect(result.stderr).toContain(`FAQ data file ${result.file} is not usable`);
      expect(result.stderr).toMatch(fault.expect as RegExp);
    }
  }, 90_000);

  it.each(FAQ_FAULTS.filter((f) => f.expect === 'loads' || f.expect === 'loads-changed').map((f) => [f.name, f] as const))(
    'starts and serves with %s',
    async (_name, fault) => {
      const files = await copyBundledFaq();
      await fault.inject(files.faqFile);
      const server = spawnServer({ FAQ_FILE: files.faqFile, SYNONYMS_FILE: files.synonymsFile });
      try {
        // Bounded: a loader that hangs (as the 10,000-syllable word once made it) fails here instead.
        const res = await fetch(`http://127.0.0.1:${await server.port()}/healthz`);
        const health = (await res.json()) as { status: string; faq: { entries: number; version: string } };
        expect(health.status).toBe('ready');
        expect(health.faq.entries).toBe((await bundledFaq()).size);
        expect(health.faq.version === (await bundledFaq()).version).toBe(fault.expect === 'loads');
      } finally {
        await server.stop();
        await files.cleanup();
      }
      expect(await server.exited()).toBe(0);
    },
    30_000,
  );

  it('exits 1 when the FAQ file is over FAQ_MAX_BYTES, and names the limit', async () => {
    const server = spawnServer({ FAQ_MAX_BYTES: '1kb' });
    expect(await server.exited(20_000)).toBe(1);
    expect(server.stderr()).toMatch(/too large: over the 1024-byte limit \(FAQ_MAX_BYTES\); the file is \d+ bytes/);
  });

  it('exits 1 on a malformed FAQ_MAX_BYTES, naming the key', async () => {
    const server = spawnServer({ FAQ_MAX_BYTES: 'lots' });
    expect(await server.exited(20_000)).toBe(1);
    expect(server.stderr()).toMatch(/FAQ_MAX_BYTES: must be a size/);
  });
});

describe('startup with an empty FAQ', () => {
  it('exits 1 and says which file has no entries', async () => {
    const files = await copyBundledFaq();
    await writeFile(files.faqFile, JSON.stringify({ schemaVersion: 1, entries: [] }));
    const server = spawnServer({ FAQ_FILE: files.faqFile, SYNONYMS_FILE: files.synonymsFile });
    try {
      expect(await server.exited(20_000)).toBe(1);
      expect(server.stderr()).toContain(`FAQ data file ${files.faqFile} is not usable:\n  - has no entries: every question would get the fallback answer`);
      expect(server.lines.some((l) => l.level === 60 && l.msg === 'FAQ data is not usable; not starting')).toBe(true);
    } finally {
      await server.stop();
      await files.cleanup();
    }
  }, 30_000);
});

describe('what a person starting the server reads', () => {
  /** stderr's lines once it holds `count` lines saying "listening on" (stderr and stdout arrive apart). */
  async function listeningLines(server: ServerProcess, count: number): Promise<string[]> {
    const found = () => server.stderr().split('\n').filter((l) => l.includes('listening on'));
    for (let i = 0; i < 200 && found().length < count; i++) await sleep(50);
    return found();
  }

  it('prints one plain line with the address, the set sizes and the matcher mode, and no secret warning on loopback', async () => {
    const server = spawnServer({});
    try {
      const port = await server.port();
      const entries = (await bundledFaq()).size;
      expect(await listeningLines(server, 1)).toEqual([`listening on http://127.0.0.1:${port} — FAQ default: ${entries} entries, matcher: lexical`]);
      expect(server.lines.filter((l) => /SKILL_SECRET/.test(l.msg))).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 30_000);

  it('with several workers, prints the line once per worker, labelled', async () => {
    const server = spawnServer({ WORKERS: '2' });
    try {
      const port = await server.port();
      const lines = await listeningLines(server, 2);
      expect(lines.map((l) => l.replace(/^worker \d+: /, ''))).toEqual(Array(2).fill(expect.stringMatching(new RegExp(`^listening on http://127\\.0\\.0\\.1:${port} — FAQ default: \\d+ entries, matcher: lexical$`))));
      expect(new Set(lines.map((l) => /^worker (\d+): /.exec(l)?.[1])).size).toBe(2);
    } finally {
      await server.stop();
    }
  }, 45_000);

  it('warns once (the primary) when several instances may run on salts each machine made for itself', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'salt-warning-'));
    const env = { WORKERS: '2', USER_KEY_SALT: '', FEEDBACK_FILE: path.join(dir, 'feedback.jsonl'), PUBLIC_BASE_URL: 'https://faq.example.com' };
    const server = spawnServer(env);
    try {
      await listeningLines(server, 2);
      const warnings = server.lines.filter((l) => l.level === 40 && /^USER_KEY_SALT is not set/.test(l.msg));
      expect(warnings).toEqual([expect.objectContaining({ role: 'primary', publicBaseUrl: 'https://faq.example.com' })]);
      expect(warnings[0]!.msg).toContain('Several instances need one USER_KEY_SALT');
      expect(warnings[0]!.msg).toContain('403 stale_form');
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 45_000);

  it('warns when it would listen beyond loopback without SKILL_SECRET', async () => {
    // 192.0.2.1 is a documentation address (RFC 5737): binding it fails, so nothing is ever exposed
    const server = spawnServer({ HOST: '192.0.2.1' });
    try {
      const warning = await server.waitForLine((l) => l.level === 40 && /SKILL_SECRET is not set/.test(l.msg));
      expect(warning).toMatchObject({ host: '192.0.2.1' });
      expect(warning.msg).toContain('set SKILL_SECRET and the same header in the chatbot admin center');
    } finally {
      await server.stop();
    }
  }, 30_000);
});
