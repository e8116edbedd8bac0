/**
 * The reload phase of `kakao-faq loadtest`: the real server on its own FAQ file (100,000 entries by default),
 * under the same load, while the file is rewritten and SIGHUP sent every --reload-every ms. It only measures:
 * the worst request and the failed ones across the reloads, and whether /healthz ever showed a new version
 * (otherwise the server does not support reloading and the phase says so instead of passing).
 */
import { copyFile, open, rename, writeFile } from 'node:fs/promises';
import { FaqFileSchema } from '../../faq/faq-schema';
import type { FaqEntryLike } from '../corpus';
import { healthVersion, waitForWarming } from './skill-server-probe';
import { measureRow, SECRET_HEADERS, startSkillServer, stopServer, type Row, type SkillServer } from './servers';

/** Where each rewrite's number goes in the second version: its four digits are overwritten (see writeRewrite). */
const REWRITE_MARK = '(업데이트 0000)';

/** The reload target: no request sent from the first reload on may take longer (ms). */
export const RELOAD_MAX_MS = 200;

/**
 * Two serialised versions of the FAQ file: as generated, and with {@link REWRITE_MARK} after the first answer,
 * whose four digits the reload phase overwrites with each rewrite's number so that every rewrite is a version
 * no worker has served yet.
 */
export function faqVariants(corpus: readonly FaqEntryLike[]): [string, string] {
  const a = FaqFileSchema.parse({ schemaVersion: 1, entries: corpus });
  const changed = corpus.map((e, i) => (i === 0 ? { ...e, answer: `${e.answer} ${REWRITE_MARK}` } : e));
  const b = FaqFileSchema.parse({ schemaVersion: 1, entries: changed });
  return [`${JSON.stringify(a)}\n`, `${JSON.stringify(b)}\n`];
}

export interface ReloadResult {
  entries: number;
  /** Why the server on the reload FAQ did not start (then there is no row). */
  startError?: string;
  row?: Row;
  reloads: number;
  versionsSeen: string[];
  supported: boolean;
}

export interface ReloadOptions {
  workers: number;
  entries: number;
  faqFile: string;
  /** Two versions of the FAQ file, written in turn. */
  variants: readonly [string, string];
  bodies: readonly string[];
  duration: number;
  connections: number;
  reloadEveryMs: number;
  logFile: string;
  /** Environment the server gets on top of the operator's. */
  serverEnv: Record<string, string>;
  say: (msg: string) => void;
}

/** How long to keep looking at /healthz for a new version after the load ends (a big reload may still be building). */
const SETTLE_MS = 60_000;

/** The byte offset of the four digits of {@link REWRITE_MARK} in the marked version. */
export function rewriteMarkAt(marked: string): number {
  const mark = Buffer.from(marked, 'utf8').indexOf(REWRITE_MARK);
  if (mark < 0) throw new Error('the reload FAQ has no rewrite mark');
  return mark + Buffer.byteLength(REWRITE_MARK) - Buffer.byteLength('0000)');
}

/** The marked FAQ with `number` in its mark, put in place of `file` atomically, without encoding it here. */
export async function writeRewrite(markedFile: string, markAt: number, number: number, file: string): Promise<void> {
  const tmp = `${file}.tmp`;
  await copyFile(markedFile, tmp);
  const handle = await open(tmp, 'r+');
  try {
    await handle.write(String(number % 10_000).padStart(4, '0'), markAt, 'ascii');
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

export async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, 'utf8');
  await rename(`${file}.tmp`, file);
}

export async function runReloadPhase(options: ReloadOptions): Promise<ReloadResult> {
  const { say, entries } = options;
  await writeAtomically(options.faqFile, options.variants[0]);
  // The marked version is written to a file of its own once, before the load: a rewrite under load is then a
  // file copy in libuv's thread pool, four digits written into the copy, and a rename. Writing a 67 MB string
  // from here encoded it on this process's event loop, which also runs autocannon, and every request in flight
  // looked that much slower. Every rewrite is a new version: with two versions in turn, a worker whose
  // staggered reload started after the file had flipped back found it unchanged and never rebuilt.
  const markedFile = `${options.faqFile}.marked`;
  await writeFile(markedFile, options.variants[1], 'utf8');
  const markAt = rewriteMarkAt(options.variants[1]);
  say(`starting the FAQ server on a ${entries.toLocaleString('en')}-entry FAQ for the reload phase`);
  let started: SkillServer;
  try {
    started = await startSkillServer({ workers: options.workers, faqFile: options.faqFile, logFile: options.logFile, env: { FAQ_WATCH: 'false', ...options.serverEnv } });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    say(`reload phase skipped: ${reason}`);
    return { entries, startError: reason, reloads: 0, versionsSeen: [], supported: false };
  }
  const { server, metricsPort } = started;
  try {
    // As the cache-on row: the phase measures reloads, so it starts once each worker has warmed its reply cache
    // after start (a 100,000-entry FAQ's warming under this load took 16 s and made the phase's worst request).
    await waitForWarming(options.logFile, options.workers, say);
    const before = await healthVersion(server.baseUrl);
    const versionsSeen = new Set<string>([before]);
    const look = async () => versionsSeen.add(await healthVersion(server.baseUrl).catch(() => 'unreachable'));
    let reloads = 0;
    let stop = false;
    let firstReloadAt: number | undefined;
    // One cycle per --reload-every: rewrite + SIGHUP, then look at /healthz halfway to the next one.
    const reloadUntilStopped = async () => {
      const half = () => new Promise((resolve) => setTimeout(resolve, options.reloadEveryMs / 2));
      await half();
      while (!stop) {
        reloads += 1;
        await writeRewrite(markedFile, markAt, reloads, options.faqFile);
        server.child.kill('SIGHUP');
        firstReloadAt ??= performance.now();
        await half();
        await look();
        await half();
      }
    };
    let reloading: Promise<void> = Promise.resolve();
    say(`reload phase: ${options.duration} s of load, FAQ rewritten + SIGHUP every ${options.reloadEveryMs} ms`);
    const row = await measureRow({
      server,
      metricsPort,
      bodies: options.bodies,
      headers: SECRET_HEADERS,
      connections: options.connections,
      duration: options.duration,
      onMeasuredStart: () => {
        reloading = reloadUntilStopped();
      },
      // judged from the first SIGHUP on: the requests before it are the run's start (new connections opened all
      // at once; the echo's own worst request is one of those), not a reload's
      watch: { since: () => firstReloadAt, slowMs: RELOAD_MAX_MS },
    });
    stop = true;
    await reloading;
    const supported = () => [...versionsSeen].filter((v) => v !== 'unreachable').length > 1;
    for (const deadline = Date.now() + SETTLE_MS; !supported() && reloads > 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await look();
    }
    return { entries, row, reloads, versionsSeen: [...versionsSeen], supported: supported() };
  } finally {
    await stopServer(server, say);
  }
}
