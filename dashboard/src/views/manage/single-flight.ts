// Runs a reload one at a time: a call while one runs asks for exactly one more run after it.

/**
 * So a timer tick, a button press and a live event arriving together cost at most two requests,
 * and the last one starts after the latest reason to reload.
 * @example const reload = singleFlight(() => fetchHealth()); void reload(); void reload(); // two runs
 */
export function singleFlight(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await task().catch(() => undefined);
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = undefined;
    }
  };
  return run;
}
