export type BenchResult = { name: string; perSecond: number; ratio?: number };

/** Runs `fn` (which does `ops` operations) repeatedly for about `ms`, after a warm-up, and reports ops/s. */
export function measure(name: string, ops: number, fn: () => void, ms = 1000): BenchResult {
  for (let i = 0; i < 20; i++) fn();
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < ms) {
    fn();
    done += ops;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { name, perSecond: (done / elapsed) * 1000 };
}

export function printResults(title: string, results: BenchResult[]): void {
  console.log(`\n${title}`);
  for (const r of results) {
    const ratio = r.ratio === undefined ? '' : `  ratio ${r.ratio.toFixed(2)}`;
    console.log(
      `  ${r.name.padEnd(40)} ${Math.round(r.perSecond).toLocaleString('en').padStart(12)} /s${ratio}`,
    );
  }
}

/**
 * A full collection, when node runs with `--expose-gc` (`npm run bench` does). The benchmark's own
 * leftovers, such as the store-alone ceilings' 1.2 million records, otherwise stay in this process's
 * heap until V8 makes a full collection of its own, in whichever run comes next: a round's ingest
 * memory counted them, and the round paid for collecting them.
 */
export function collectGarbage(): void {
  global.gc?.();
}
