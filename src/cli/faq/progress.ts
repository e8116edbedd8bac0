import { SingleBar, Presets } from 'cli-progress';

/** Files with fewer rows than this finish before a bar would be worth drawing. */
const MIN_ROWS = 500;

/**
 * A progress bar on stderr for one file at a time, drawn only when stderr is a terminal (never into logs
 * or pipes) and the file is large. `update` may be called for every row: drawing is throttled.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr) {
  let bar: SingleBar | undefined;
  let current: string | undefined;
  return {
    update(file: string, done: number, total: number): void {
      if (!stream.isTTY || total < MIN_ROWS) return;
      if (current !== file) {
        bar?.stop();
        const format = `${file} [{bar}] {percentage}% | {value}/{total} rows | ETA {eta}s`;
        bar = new SingleBar({ stream, format, hideCursor: true }, Presets.shades_classic);
        bar.start(total, 0);
        current = file;
      }
      bar!.update(done);
    },
    stop(): void {
      bar?.stop();
      bar = undefined;
      current = undefined;
    },
  };
}
