import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, open, readFile, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadFaqStore } from '../../faq/faq-store';
import { DEFAULT_MAX_DATA_FILE_BYTES, FaqDataError } from '../../faq/load-faq';
import { FAQ_FILE, SYNONYMS_FILE } from '../../../test/harness';

/**
 * FAQ data faults as functions that corrupt a given file, for the loader tests, the startup tests, the
 * reload tests (SIGHUP to a running server) and `npm run fuzz`. Each names what the loader must say.
 */

export interface FaqFault {
  readonly name: string;
  /** `before`: corrupt the file, then load. `during`: start loading, then corrupt it while it is read. */
  readonly when: 'before' | 'during';
  /** Runs before loading starts, e.g. to make the file long enough to be read in several chunks. */
  prepare?(file: string): Promise<void>;
  inject(file: string): Promise<void>;
  /**
   * A RegExp the FaqDataError message must match; `loads`: the same entries load; `loads-changed`: the
   * changed entries load (a new version, same size); `consistent`: either the
   * old or the new data loads whole, or a FaqDataError names the file (never a mix, never another error).
   */
  readonly expect: RegExp | 'loads' | 'loads-changed' | 'consistent';
}

const OVER_THE_LIMIT_BYTES = DEFAULT_MAX_DATA_FILE_BYTES + 1024 * 1024;

/** Pads a JSON file with trailing spaces (still valid JSON) to `size` bytes, a megabyte at a time. */
async function padWithSpaces(file: string, size: number): Promise<void> {
  const handle = await open(file, 'a');
  try {
    const { size: start } = await handle.stat();
    const spaces = Buffer.alloc(1024 * 1024, ' ');
    for (let at = start; at < size; at += spaces.length) await handle.write(spaces, 0, Math.min(spaces.length, size - at));
  } finally {
    await handle.close();
  }
}

async function rewrite(file: string, edit: (faq: { schemaVersion: unknown; entries: Record<string, unknown>[] }) => void): Promise<void> {
  const faq = JSON.parse(await readFile(file, 'utf8'));
  edit(faq);
  await writeFile(file, JSON.stringify(faq, null, 2));
}

/** The same FAQ with one answer changed: valid, with a different version. */
export function alteredFaqText(text: string): string {
  const faq = JSON.parse(text) as { entries: { answer: string }[] };
  faq.entries[0]!.answer += ' (개정)';
  return JSON.stringify(faq, null, 2);
}

/**
 * Pads a data file with 16 MB of trailing whitespace (still valid JSON, under the 20 MB limit), so reading
 * it takes many chunks, and writes the altered version beside it as `<file>.new`, so the fault itself is
 * one quick filesystem call that lands while the file is being read.
 */
async function prepareMidRead(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  await writeFile(file, text + ' '.repeat(16 * 1024 * 1024));
  await writeFile(`${file}.new`, alteredFaqText(text));
}

export const FAQ_FAULTS: readonly FaqFault[] = [
  {
    name: 'truncated JSON',
    when: 'before',
    inject: async (file) => writeFile(file, (await readFile(file)).subarray(0, 1000)),
    expect: /not valid JSON/,
  },
  { name: 'empty file', when: 'before', inject: (file) => writeFile(file, ''), expect: /not valid JSON/ },
  {
    name: 'UTF-16 with a byte-order mark',
    when: 'before',
    inject: async (file) => writeFile(file, Buffer.from(`\ufeff${await readFile(file, 'utf8')}`, 'utf16le')),
    expect: /not UTF-8: it starts with a UTF-16 byte-order mark/,
  },
  {
    name: 'Latin-1 bytes',
    when: 'before',
    inject: async (file) => {
      const text = await readFile(file, 'utf8');
      const at = text.indexOf('"answer"');
      await writeFile(file, Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from('"question":"caf\xe9",', 'latin1'), Buffer.from(text.slice(at))]));
    },
    expect: /not UTF-8: invalid byte 0xe9 at byte \d+ \(line \d+\)/,
  },
  {
    name: 'a UTF-8 byte-order mark (accepted)',
    when: 'before',
    inject: async (file) => writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(file)])),
    expect: 'loads',
  },
  {
    name: 'a valid file 1 MB over the default size limit',
    when: 'before',
    inject: (file) => padWithSpaces(file, OVER_THE_LIMIT_BYTES),
    expect: new RegExp(`too large: over the ${DEFAULT_MAX_DATA_FILE_BYTES}-byte limit \\(FAQ_MAX_BYTES\\); the file is ${OVER_THE_LIMIT_BYTES} bytes`),
  },
  {
    name: 'a 10,000-character question',
    when: 'before',
    inject: (file) =>
      rewrite(file, (faq) => {
        faq.entries[0]!.question = '환불'.repeat(5_000);
      }),
    expect: /entries\[0\] \(id [\w-]+, question ".+"\) field question: must be at most 300 characters/,
  },
  {
    name: 'the longest fields allowed, as run-together words (loads, in bounded time)',
    when: 'before',
    inject: (file) =>
      rewrite(file, (faq) => {
        faq.entries[0]!.question = '환불'.repeat(150);
        faq.entries[0]!.categories = ['카카오'.repeat(33), '톡'.repeat(100)];
        faq.entries[0]!.answer = '계좌등록'.repeat(5_000);
      }),
    expect: 'loads-changed',
  },
  {
    name: 'a symlink loop',
    when: 'before',
    inject: async (file) => {
      await unlink(file);
      await symlink(`${file}.loop`, file);
      await symlink(file, `${file}.loop`);
    },
    expect: /cannot read: ELOOP/,
  },
  { name: 'a deleted file', when: 'before', inject: (file) => unlink(file), expect: /cannot read: ENOENT/ },
  {
    name: 'a directory in its place',
    when: 'before',
    inject: async (file) => {
      await unlink(file);
      await mkdir(file);
    },
    expect: /not a regular file \(a directory\)/,
  },
  {
    name: 'a link to an endless device (/dev/zero)',
    when: 'before',
    inject: async (file) => {
      await unlink(file);
      await symlink('/dev/zero', file);
    },
    expect: /not a regular file \(a device, FIFO or socket\)/,
  },
  {
    name: 'a FIFO in its place (no writer: opening it must not wait)',
    when: 'before',
    inject: async (file) => {
      await unlink(file);
      execFileSync('mkfifo', [file]);
    },
    expect: /not a regular file \(a device, FIFO or socket\)/,
  },
  {
    name: 'an entry with a blank answer',
    when: 'before',
    inject: (file) =>
      rewrite(file, (faq) => {
        faq.entries[1]!.answer = '  ';
      }),
    expect: /entries\[1\] \(id [\w-]+, question ".+"\) field answer: must not be blank/,
  },
  {
    name: 'an entry with an unsafe id',
    when: 'before',
    inject: (file) =>
      rewrite(file, (faq) => {
        faq.entries[2]!.id = '../../etc/passwd';
      }),
    expect: /entries\[2\] \(id \.\.\/\.\.\/etc\/passwd, .*\) field id: must be 1-64 characters/,
  },
  {
    name: 'a duplicate id',
    when: 'before',
    inject: (file) =>
      rewrite(file, (faq) => {
        faq.entries[3]!.id = faq.entries[0]!.id;
      }),
    expect: /entries\[3\] .* field id: duplicate id/,
  },
  {
    name: 'an unknown schemaVersion',
    when: 'before',
    inject: (file) =>
      rewrite(file, (faq) => {
        faq.schemaVersion = 2;
      }),
    expect: /schemaVersion: /,
  },
  { name: 'replaced by rename mid-read', when: 'during', prepare: prepareMidRead, inject: (file) => rename(`${file}.new`, file), expect: 'consistent' },
  { name: 'rewritten in place mid-read', when: 'during', prepare: prepareMidRead, inject: (file) => copyFile(`${file}.new`, file), expect: 'consistent' },
  { name: 'deleted mid-read', when: 'during', prepare: prepareMidRead, inject: (file) => unlink(file), expect: 'consistent' },
];

export interface FaqDir {
  dir: string;
  faqFile: string;
  synonymsFile: string;
  cleanup(): Promise<void>;
}

/** A temporary copy of the bundled FAQ and synonyms, to corrupt. */
export async function copyBundledFaq(): Promise<FaqDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faq-fault-'));
  const faqFile = path.join(dir, 'faq.json');
  const synonymsFile = path.join(dir, 'synonyms.json');
  await copyFile(FAQ_FILE, faqFile);
  await copyFile(SYNONYMS_FILE, synonymsFile);
  return { dir, faqFile, synonymsFile, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Injects one fault into a fresh copy and loads it; returns a description of the broken promise, or undefined. */
export async function checkFault(fault: FaqFault): Promise<string | undefined> {
  const files = await copyBundledFaq();
  try {
    const versions = await referenceVersions(files);
    await fault.prepare?.(files.faqFile);
    let outcome: { version: string; size: number } | Error;
    if (fault.when === 'before') {
      await fault.inject(files.faqFile);
      outcome = await loadFaqStore(files).catch((error: Error) => error);
    } else {
      const load = loadFaqStore(files).catch((error: Error) => error);
      await fault.inject(files.faqFile);
      outcome = await load;
    }
    if (fault.expect === 'loads' || fault.expect === 'loads-changed') {
      if (outcome instanceof Error) return `expected it to load, got ${outcome.message}`;
      const same = outcome.version === versions.original;
      return same === (fault.expect === 'loads') ? undefined : `loaded ${same ? 'the old' : 'different'} data`;
    }
    if (fault.expect === 'consistent') {
      if (outcome instanceof FaqDataError) return outcome.message.includes(files.faqFile) ? undefined : `error does not name the file: ${outcome.message}`;
      if (outcome instanceof Error) return `not a FaqDataError: ${outcome.name}: ${outcome.message}`;
      return [versions.original, versions.altered].includes(outcome.version) ? undefined : `loaded a mix: version ${outcome.version}`;
    }
    if (!(outcome instanceof FaqDataError)) return `expected a FaqDataError matching ${fault.expect}, got ${outcome instanceof Error ? outcome.message : 'a loaded store'}`;
    if (!fault.expect.test(outcome.message)) return `message does not match ${fault.expect}: ${outcome.message}`;
    return outcome.message.includes(files.faqFile) ? undefined : `message does not name the file: ${outcome.message}`;
  } finally {
    await files.cleanup();
  }
}

let references: Promise<{ original: string; altered: string }> | undefined;

/** Versions of the bundled FAQ and of {@link alteredFaqText} of it (computed once per process). */
function referenceVersions(files: FaqDir): Promise<{ original: string; altered: string }> {
  references ??= (async () => {
    const other = path.join(files.dir, 'reference.json');
    await writeFile(other, alteredFaqText(await readFile(files.faqFile, 'utf8')));
    const [original, altered] = await Promise.all([loadFaqStore(files), loadFaqStore({ faqFile: other, synonymsFile: files.synonymsFile })]);
    await unlink(other);
    return { original: original.version, altered: altered.version };
  })();
  return references;
}

/** `rounds` rounds of every fault, for `npm run fuzz`. */
export async function runFaultRounds(
  rounds: number,
): Promise<{ injected: number; byScenario: Record<string, { injected: number; failed: number }>; failures: string[] }> {
  const byScenario: Record<string, { injected: number; failed: number }> = {};
  const failures: string[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const fault of FAQ_FAULTS) {
      const problem = await checkFault(fault);
      const counts = (byScenario[fault.name] ??= { injected: 0, failed: 0 });
      counts.injected += 1;
      if (problem) {
        counts.failed += 1;
        failures.push(`FAQ fault "${fault.name}": ${problem}`);
      }
    }
  }
  return { injected: Object.values(byScenario).reduce((sum, c) => sum + c.injected, 0), byScenario, failures };
}
