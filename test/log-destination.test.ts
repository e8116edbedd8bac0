import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { createLogDestination, type LogDestination } from '../src/log-destination';
import { ROOT } from './harness';
import { mountTmpfs, type Tmpfs } from './hardening/tmpfs';

/**
 * The log destination against real outputs: files, /dev/full, a tmpfs that fills up, named pipes nobody
 * reads, and (in a child process, for what happens at exit and on a blocking stdout) plain node running
 * the module as the built server does.
 */

let dir: string;
let tmpfs: Tmpfs | undefined;
const cleanups: (() => void)[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'log-destination-'));
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  tmpfs?.unmount();
  tmpfs = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A destination on `fd` whose notices are collected; closed (and `fd` with it) after the test. */
function destinationOn(fd: number, options: { sync: boolean; maxBacklogBytes?: number }) {
  const notices: string[] = [];
  const destination = createLogDestination({ fd, maxBacklogBytes: 1024 * 1024, ...options, notice: (text) => void notices.push(text) });
  cleanups.push(() => {
    destination.close();
    closeSync(fd);
  });
  return { destination, notices };
}

const line = (i: number, pad = 0) => `${JSON.stringify({ i, pad: 'x'.repeat(pad) })}\n`;
const dropped = (d: LogDestination, reason: string) => d.droppedLines().get(reason) ?? 0;

/** Waits (bounded) for `check`; asynchronous writes finish on the thread pool, a moment later. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

function fifo(): string {
  const file = path.join(dir, 'pipe');
  execFileSync('mkfifo', [file]);
  return file;
}

describe('the log destination', () => {
  it.each([false, true])('writes every line, in order, to a healthy file (sync: %s)', async (sync) => {
    const file = path.join(dir, 'out.log');
    const { destination, notices } = destinationOn(openSync(file, 'a'), { sync });
    for (let i = 0; i < 500; i++) destination.write(line(i));
    const read = () => readFileSync(file, 'utf8').trimEnd().split('\n');
    await eventually(() => read().length === 500);
    expect(read().map((l) => (JSON.parse(l) as { i: number }).i)).toEqual([...Array(500).keys()]);
    expect(destination.droppedLines().size).toBe(0);
    expect(notices).toEqual([]);
  });

  it('writes a line longer than the whole backlog when nothing else is held', () => {
    const file = path.join(dir, 'out.log');
    const { destination } = destinationOn(openSync(file, 'a'), { sync: true, maxBacklogBytes: 4096 });
    destination.write(line(0, 10_000));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ i: 0, pad: 'x'.repeat(10_000) });
    expect(destination.droppedLines().size).toBe(0);
  });

  it.each([false, true])('drops the lines /dev/full refuses, counts them as ENOSPC and says so once (sync: %s)', async (sync) => {
    const { destination, notices } = destinationOn(openSync('/dev/full', 'w'), { sync });
    for (let i = 0; i < 100; i++) destination.write(line(i));
    await eventually(() => dropped(destination, 'ENOSPC') === 100);
    expect(Object.fromEntries(destination.droppedLines())).toEqual({ ENOSPC: 100 });
    expect(notices).toEqual(['log output failing (ENOSPC): dropping log lines; see kakao_faq_log_lines_dropped_total']);
  });

  it('ends a line cut by a full disk before the next one, and says once that writing works again', () => {
    tmpfs = mountTmpfs('256k');
    const file = path.join(tmpfs.dir, 'out.log');
    const { destination, notices } = destinationOn(openSync(file, 'a'), { sync: true });
    destination.write(line(0));
    tmpfs.fill();
    // longer than what is left of the file's last page: written in part, then ENOSPC
    destination.write(line(1, 8000));
    destination.write(line(2));
    expect(dropped(destination, 'ENOSPC')).toBe(2);

    execFileSync('rm', [path.join(tmpfs.dir, 'filler')]);
    destination.write(line(3));
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({ i: 0, pad: '' });
    expect(lines).toHaveLength(3);
    expect(() => JSON.parse(lines[1]!)).toThrow();
    expect(JSON.parse(lines[2]!)).toEqual({ i: 3, pad: '' });
    expect(notices).toEqual([
      'log output failing (ENOSPC): dropping log lines; see kakao_faq_log_lines_dropped_total',
      'log output working again after dropping 2 lines',
    ]);
  });

  it.each([false, true])(
    'holds at most maxBacklogBytes while a pipe is not read, drops the rest, and writes what it held once read (sync: %s)',
    async (sync) => {
      const pipe = fifo();
      const { destination, notices } = destinationOn(openSync(pipe, constants.O_RDWR | constants.O_NONBLOCK), { sync, maxBacklogBytes: 16 * 1024 });
      const reader = openSync(pipe, constants.O_RDONLY | constants.O_NONBLOCK);
      cleanups.push(() => closeSync(reader));
      const count = 2000;
      for (let i = 0; i < count; i++) destination.write(line(i, 80));
      expect(dropped(destination, 'backlog_full')).toBeGreaterThan(0);

      let received = '';
      const buffer = Buffer.alloc(1 << 16);
      const drain = () => {
        try {
          for (let n = readSync(reader, buffer); n > 0; n = readSync(reader, buffer)) received += buffer.toString('utf8', 0, n);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        }
      };
      const linesReceived = () => received.split('\n').length - 1;
      await eventually(() => {
        drain();
        return linesReceived() + dropped(destination, 'backlog_full') === count;
      });
      // every line is either delivered, whole and in order, or counted as dropped
      expect(linesReceived() + dropped(destination, 'backlog_full')).toBe(count);
      const numbers = received.trimEnd().split('\n').map((l) => (JSON.parse(l) as { i: number }).i);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      // bounded: at most the pipe's 64 KiB buffer plus the 16 KiB backlog (and the line being written)
      expect(Buffer.byteLength(received)).toBeLessThanOrEqual(64 * 1024 + 16 * 1024 + line(0, 80).length);
      expect(notices[0]).toBe('log output failing (backlog_full): dropping log lines; see kakao_faq_log_lines_dropped_total');
    },
  );
});

describe('the log destination in a process of its own', () => {
  /** Plain node (no tsx), running the module as the built server runs it, with `stdout` as its fd 1. */
  async function runChild(script: string, stdout: number): Promise<{ code: number | null; stderr: string }> {
    for (const name of ['log-destination', 'lost-writes']) {
      const source = readFileSync(path.join(ROOT, 'src', `${name}.ts`), 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
      writeFileSync(path.join(dir, `${name}.js`), outputText);
    }
    const child = spawn(process.execPath, ['-e', `const { createLogDestination } = require(${JSON.stringify(path.join(dir, 'log-destination.js'))});\n${script}`], {
      stdio: ['ignore', stdout, 'pipe'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stderr };
  }

  it('writes the lines logged just before process.exit', async () => {
    const file = path.join(dir, 'out.log');
    const fd = openSync(file, 'a');
    cleanups.push(() => closeSync(fd));
    const { code } = await runChild(
      `const d = createLogDestination({ fd: 1, sync: false, maxBacklogBytes: 1 << 20 });
       for (let i = 0; i < 1000; i++) d.write(JSON.stringify({ i }) + '\\n');
       process.exit(0);`,
      fd,
    );
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { i: number }).i)).toEqual([...Array(1000).keys()]);
  });

  it('exits mid-write while logging continuously without losing or reordering a line', async () => {
    const file = path.join(dir, 'out.log');
    const fd = openSync(file, 'a');
    cleanups.push(() => closeSync(fd));
    // Lines in bursts, and the exit right after one, while a write is under way. The thread pool is kept busy
    // (as a server's crypto, DNS and file work can keep it), so a write handed to it would still wait there.
    const { code } = await runChild(
      `const crypto = require('node:crypto');
       for (let t = 0; t < 4; t++) crypto.pbkdf2('busy', 'pool', 5e5, 64, 'sha512', () => undefined);
       const d = createLogDestination({ fd: 1, sync: false, maxBacklogBytes: 1 << 30 });
       const pad = 'x'.repeat(200);
       let i = 0;
       const burst = () => {
         for (let n = 0; n < 500; n++) d.write(JSON.stringify({ i: i++, pad }) + '\\n');
         if (i >= 20000) process.exit(0);
         setImmediate(burst);
       };
       burst();`,
      fd,
    );
    expect(code).toBe(0);
    const numbers = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { i: number }).i);
    expect(numbers.length).toBe(20000);
    expect(numbers).toEqual([...Array(20000).keys()]);
  });

  it.each([false, true])('never blocks on a blocking stdout pipe nobody reads: it drops, counts and exits (sync: %s)', async (sync) => {
    // opened blocking, as a shell or a supervisor hands a pipe over; the test holds the (idle) read end
    const fd = openSync(fifo(), constants.O_RDWR);
    cleanups.push(() => closeSync(fd));
    const { code, stderr } = await runChild(
      `const d = createLogDestination({ fd: 1, sync: ${sync}, maxBacklogBytes: 16384 });
       for (let i = 0; i < 3000; i++) d.write(JSON.stringify({ i, pad: 'x'.repeat(80) }) + '\\n');
       setTimeout(() => {
         require('node:fs').writeSync(2, 'dropped ' + JSON.stringify(Object.fromEntries(d.droppedLines())) + '\\n');
         process.exit(0);
       }, 50);`,
      fd,
    );
    expect(code).toBe(0);
    expect(stderr).toContain('log output failing (backlog_full): dropping log lines; see kakao_faq_log_lines_dropped_total');
    const counts = JSON.parse(/^dropped (.*)$/m.exec(stderr)![1]!) as Record<string, number>;
    expect(counts.backlog_full).toBeGreaterThan(0);
  });
});
