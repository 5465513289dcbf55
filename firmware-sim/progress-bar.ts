/** Where a progress bar draws: process.stderr, or anything with `write` (tests pass their own). */
export type ProgressStream = { isTTY?: boolean; columns?: number; write(chunk: string): unknown };

export type ProgressBar = {
  /** `fraction` 0..1 done, `detail` a short text after the bar (e.g. the count sent). */
  update(fraction: number, detail: string): void;
  /** Ends the bar with a summary line; on a non-terminal only this line is written. */
  done(summary: string): void;
};

const WIDTH = 30;
const REDRAW_MS = 100;

/**
 * A one-line progress bar, redrawn in place on a terminal at most ten times a second; silent until the
 * summary when the stream is not a terminal (a log file should not fill with carriage returns).
 * @example const bar = createProgressBar(process.stderr, 'Backfill'); bar.update(0.5, '8,000 messages'); bar.done('…');
 */
export function createProgressBar(
  stream: ProgressStream | undefined,
  label: string,
  now: () => number = Date.now,
): ProgressBar {
  const tty = stream?.isTTY === true;
  let drawn = Number.NEGATIVE_INFINITY;
  return {
    update(fraction, detail) {
      if (!tty || now() - drawn < REDRAW_MS) return;
      drawn = now();
      const share = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(share * WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
      const line = `${label} ${bar} ${String(Math.floor(share * 100)).padStart(3)}%  ${detail}`;
      stream?.write(`\r${line.slice(0, (stream.columns ?? 120) - 1)}\u001b[K`);
    },
    done(summary) {
      stream?.write(`${tty ? '\r\u001b[K' : ''}${label}: ${summary}\n`);
    },
  };
}
