import { availableParallelism } from 'node:os';
import { missingProductionFlags } from './ingest-children.ts';
import type { EndToEnd, Flat } from './ingest-e2e.ts';

// Prints the ingest benchmark's figures (bench/ingest-e2e.ts): ceilings, end to end with ratios, paced runs.

export function printIngest(r: {
  total: number;
  warmUp: { total: number; rate: number };
  /** Broker alone before the flat-out InfluxDB run, between it and the SQLite one, and after. */
  ceilings: Flat[];
  influxCeiling: Flat;
  sqliteCeiling: Flat;
  e2eInflux: EndToEnd;
  e2eSqlite: EndToEnd;
  paced: EndToEnd[];
  count: number;
  sqliteCount: number;
}): void {
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const rate = (f: Flat) =>
    `${n(f.perSecond).padStart(9)} events/s${f.steady === undefined ? '' : `, steady ${n(f.steady)}/s`}`;
  const mem = (e: EndToEnd) => {
    const rss = e.memory.map((m) => m.rssMb);
    const heap = e.memory.map((m) => m.heapMb);
    const span = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))} MB`;
    return `rss ${span(rss)}, heap ${span(heap)} (first ${Math.round(heap[0] ?? 0)}, last ${Math.round(heap.at(-1) ?? 0)})`;
  };
  const lag = (e: EndToEnd) =>
    `publish→stored p50 ${Math.round(e.lag.p50)} ms, p99 ${Math.round(e.lag.p99)} ms, max ${Math.round(e.lag.max)} ms`;
  console.log('\nIngest: publishers → broker → ingest → store (one run, same machine)');
  const missing = missingProductionFlags();
  if (missing.length > 0) {
    console.log(
      `  NOTE: ingest runs here without ${missing.join(' ')}, which prossima runs with: figures are not production's`,
    );
  }
  const [first, between, last] = r.ceilings;
  if (!first || !between || !last) throw new Error('three broker-alone measurements expected');
  for (const f of [first, between, last, r.influxCeiling, r.sqliteCeiling]) {
    console.log(`  ${f.name.padEnd(42)} ${rate(f)}`);
    printCpu(f);
  }
  for (const [e, store, stored, around] of [
    [r.e2eInflux, r.influxCeiling, r.count, [first, between]],
    [r.e2eSqlite, r.sqliteCeiling, r.sqliteCount, [between, last]],
  ] as const) {
    const lower = Math.min(Math.max(...around.map((f) => f.perSecond)), store.perSecond);
    console.log(
      `  ${e.name.padEnd(42)} ${rate(e)}  ratio ${(e.perSecond / lower).toFixed(2)} of the lower ceiling`,
    );
    console.log(
      `    lower ceiling: ${n(lower)}/s, the better of the broker-alone runs just before and just after`,
    );
    if (e.steady !== undefined && around.every((f) => f.steady !== undefined)) {
      const lowerSteady = Math.min(Math.max(...around.map((f) => f.steady ?? 0)), store.perSecond);
      console.log(
        `    steady (10 % to 90 % counted, on both sides): ${n(e.steady)}/s over ${n(lowerSteady)}/s, ratio ${(e.steady / lowerSteady).toFixed(2)}`,
      );
    }
    const all = r.total + r.warmUp.total;
    console.log(
      `    stored ${stored.toLocaleString('en')} of ${all.toLocaleString('en')} (lost ${all - stored}); ${lag(e)}`,
    );
    console.log(`    ingest memory: ${mem(e)}; ingest CPU ${Math.round(e.cpuUs)} µs per event`);
    printCpu(e);
    console.log(`    ${warmLine(e, r.warmUp)}`);
  }
  for (const paced of r.paced) {
    console.log(`  ${paced.name.padEnd(42)} ${rate(paced)} (first publish to last stored)`);
    console.log(`    ${lag(paced)}`);
    console.log(`    ingest memory: ${mem(paced)}; ingest CPU ${Math.round(paced.cpuUs)} µs per event`);
    printCpu(paced);
    console.log(`    ${warmLine(paced, r.warmUp)}`);
  }
}

function printCpu(f: Flat): void {
  const line = cpuLine(f);
  if (line) console.log(`    ${line}`);
}

/** What each process on the path spent per event, and what the machine's cores would allow at that. */
function cpuLine(f: Flat): string | undefined {
  const parts = Object.entries(f.parts ?? {});
  if (parts.length < 2) return undefined;
  const sum = parts.reduce((total, [, us]) => total + us, 0);
  const cores = availableParallelism();
  const most = Math.round((cores * 1e6) / sum).toLocaleString('en');
  const each = parts.map(([name, us]) => `${name} ${us.toFixed(1)}`).join(', ');
  return `CPU per event, µs: ${each}; sum ${sum.toFixed(1)} (${cores} cores busy all the time: ${most}/s)`;
}

function warmLine(e: EndToEnd, warmUp: { total: number; rate: number }): string {
  const { lag } = e.warm;
  const n = warmUp.total.toLocaleString('en');
  return `before it, warm-up on the new site (${n} events at ${warmUp.rate.toLocaleString('en')}/s, not counted above): p50 ${Math.round(lag.p50)} ms, p99 ${Math.round(lag.p99)} ms`;
}
