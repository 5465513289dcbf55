// Retries a failing operation with exponential backoff and jitter, until it succeeds or is aborted:
// a store outage delays history instead of losing it, and many workers coming back at once do not
// all knock on the store in the same millisecond.

export type RetryOptions = {
  baseMs: number;
  maxMs: number;
  random: () => number;
  signal: AbortSignal;
  onFailure: (error: Error, attempt: number, delayMs: number) => void;
};

/** Thrown when `signal` aborts a retry: the work is left for later (it is still in the log). */
export class RetryAborted extends Error {
  override name = 'RetryAborted';
}

/** The delay before retry `attempt` (0-based): half of the backoff fixed, half random ("equal jitter"). */
export function backoffMs(attempt: number, options: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'random'>) {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + (ceiling / 2) * options.random();
}

export async function retry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (options.signal.aborted) throw new RetryAborted('aborted');
    try {
      return await operation();
    } catch (error) {
      const delay = backoffMs(attempt, options);
      options.onFailure(error as Error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
