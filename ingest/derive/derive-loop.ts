import type { Deriver } from './index.ts';

/**
 * Runs the deriver every `everyMs`, but never spends more than about a sixth of the time deriving:
 * after a run that took `d` ms, the next waits at least 5·d. Under a flood of events the derived
 * series fall a little further behind instead of taking the CPU the write path needs.
 */
export function startDeriveLoop(deriver: Deriver, everyMs: number) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = (wait: number) => {
    if (stopped) return;
    timer = setTimeout(async () => {
      const began = performance.now();
      // A failed run keeps its ranges for the next one (see index.ts); the loop itself never stops.
      await deriver.run().catch(() => undefined);
      next(Math.max(everyMs, 5 * (performance.now() - began)));
    }, wait);
  };
  next(everyMs);
  return {
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
