// Live changes come in bursts (the simulator moves several desks a second): the list is fetched again
// at most once per interval, never twice at the same time, and always once after the last change.

export type RefreshThrottle = { request(): void; close(): void };

export type RefreshThrottleOptions = {
  intervalMs?: number;
  now?: () => number;
};

/**
 * @example const refresh = createRefreshThrottle(load, { intervalMs: 1000 }); live.subscribe(refresh.request)
 */
export function createRefreshThrottle(
  run: () => Promise<void>,
  { intervalMs = 1000, now = Date.now }: RefreshThrottleOptions = {},
): RefreshThrottle {
  let last = Number.NEGATIVE_INFINITY;
  let wanted = false;
  let running = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const kick = () => {
    if (closed || !wanted || running || timer !== undefined) return;
    const wait = last + intervalMs - now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        kick();
      }, wait);
      return;
    }
    wanted = false;
    running = true;
    last = now();
    run()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        kick();
      });
  };

  return {
    request() {
      wanted = true;
      kick();
    },
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
