import { availableParallelism } from 'node:os';
import type { Flat } from './ingest-ceilings.ts';
import { missingProductionFlags } from './ingest-children.ts';
import type { EndToEnd } from './ingest-e2e.ts';

// Prints the ingest benchmark's figures (bench/ingest-e2e.ts): ceilings, end to end with ratios, paced runs.

type Report = {
  total: number;
  warmUp: { total: number; rate: number };
  /** Broker alone before round 1, after each round (the last also before SQLite), and after SQLite. */
  ceilings: Flat[];
  influxCeiling: Flat;
  sqliteCeiling: Flat;
  /** Flat-out runs into InfluxDB, in order, each between two of `ceilings`. */
  rounds: EndToEnd[];
  e2eSqlite: EndToEnd;
  paced: EndToEnd[];
  /** Events counted in InfluxDB for each round's site. */
  counts: number[];
  sqliteCount: number;
};

const n = (x: number) => Math.round(x).toLocaleString('en');
const rate = (f: Flat) =>
  `${n(f.perSecond).padStart(9)} events/s${f.steady === undefined ? '' : `, steady ${n(f.steady)}/s`}`;
const lag = (e: EndToEnd) =>
  `publish→stored p50 ${Math.round(e.lag.p50)} ms, p99 ${Math.round(e.lag.p99)} ms, max ${Math.round(e.lag.max)} ms`;
/** Each write's time to the store's answer as ingest reads it: a lag p99 that moves without it is ingest's. */
const writes = ({ writes: w }: EndToEnd) =>
  `store writes of events: ${w.count}, p50 ${Math.round(w.p50)} ms, p99 ${Math.round(w.p99)} ms, max ${Math.round(w.max)} ms`;

/** The middle value (of an odd count; the upper middle of an even one). */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function mem(e: EndToEnd): string {
  const rss = e.memory.map((m) => m.rssMb);
  const heap = e.memory.map((m) => m.heapMb);
  const span = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))} MB`;
  return `rss ${span(rss)}, heap ${span(heap)} (first ${Math.round(heap[0] ?? 0)}, last ${Math.round(heap.at(-1) ?? 0)})`;
}

export function printIngest(r: Report): void {
  console.log('\nIngest: publishers → broker → ingest → store (one run, same machine)');
  const missing = missingProductionFlags();
  if (missing.length > 0) {
    console.log(
      `  NOTE: ingest runs here without ${missing.join(' ')}, which prossima runs with: figures are not production's`,
    );
  }
  if (r.ceilings.length !== r.rounds.length + 2)
    throw new Error('a broker-alone run around each flat-out run');
  for (const f of [...r.ceilings, r.influxCeiling, r.sqliteCeiling]) {
    console.log(`  ${f.name.padEnd(42)} ${rate(f)}`);
    printCpu(f);
  }
  const ratios = r.rounds.map((e, k) => {
    const around = r.ceilings.slice(k, k + 2);
    return printFlatOut(r, e, r.influxCeiling, r.counts[k] ?? 0, around);
  });
  const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
  const interpolated = ratios.map((x) => x.interpolated);
  const strict = ratios.map((x) => x.strict);
  console.log(
    `  e2e → InfluxDB over ${r.rounds.length} rounds: ratio ${list(interpolated)}; median ${median(interpolated).toFixed(2)} of the lower ceiling, median ${n(median(r.rounds.map((e) => e.perSecond)))} events/s`,
  );
  console.log(
    `    against the faster broker-alone run around each: ${list(strict)}; median ${median(strict).toFixed(2)}`,
  );
  const last = r.ceilings.slice(-2);
  printFlatOut(r, r.e2eSqlite, r.sqliteCeiling, r.sqliteCount, last);
  for (const paced of r.paced) {
    console.log(`  ${paced.name.padEnd(42)} ${rate(paced)} (first publish to last stored)`);
    console.log(`    ${lag(paced)}; ${writes(paced)}`);
    const windows = paced.lagWindows?.map((ms) => Math.round(ms)).join(', ');
    if (windows) console.log(`    p99 of each 10 s published: ${windows} ms`);
    console.log(`    ingest memory: ${mem(paced)}; ingest CPU ${Math.round(paced.cpuUs)} µs per event`);
    printCpu(paced);
    console.log(`    ${warmLine(paced, r.warmUp)}`);
  }
}

/**
 * The broker alone at the moment of a run, interpolated from the runs just before and just after it:
 * their mean. The faster of the two overstated the run between them by 4 % at the median (9 % on
 * average) when the run between them was itself a broker-alone run, and their mean was off by under
 * 1 % (210 such triples, docs/ingest.md); so the faster is printed beside it as a strict bound.
 */
const interpolate = (around: Flat[], pick: (f: Flat) => number) =>
  around.reduce((sum, f) => sum + pick(f), 0) / around.length;

type Ratios = { interpolated: number; strict: number };

/** Prints one flat-out run against the lower of its ceilings; returns its ratios. */
function printFlatOut(r: Report, e: EndToEnd, store: Flat, stored: number, around: Flat[]): Ratios {
  const lowerOf = (broker: number) => Math.min(broker, store.perSecond);
  const lower = lowerOf(interpolate(around, (f) => f.perSecond));
  const faster = lowerOf(Math.max(...around.map((f) => f.perSecond)));
  const ratios = { interpolated: e.perSecond / lower, strict: e.perSecond / faster };
  console.log(
    `  ${e.name.padEnd(42)} ${rate(e)}  ratio ${ratios.interpolated.toFixed(2)} of the lower ceiling`,
  );
  const which =
    lower === store.perSecond
      ? store.name
      : `the mean of the broker-alone runs just before and just after (${around.map((f) => n(f.perSecond)).join(' and ')}/s)`;
  console.log(
    `    lower ceiling: ${n(lower)}/s, ${which}; against the faster broker-alone run, ${ratios.strict.toFixed(2)}`,
  );
  if (e.steady !== undefined && around.every((f) => f.steady !== undefined)) {
    const lowerSteady = lowerOf(interpolate(around, (f) => f.steady ?? 0));
    console.log(
      `    steady (10 % to 90 % counted, on both sides): ${n(e.steady)}/s over ${n(lowerSteady)}/s, ratio ${(e.steady / lowerSteady).toFixed(2)}`,
    );
  }
  const all = r.total + r.warmUp.total;
  console.log(`    stored ${n(stored)} of ${n(all)} (lost ${all - stored}); ${lag(e)}`);
  console.log(`    ${writes(e)}`);
  console.log(`    ingest memory: ${mem(e)}; ingest CPU ${Math.round(e.cpuUs)} µs per event`);
  printCpu(e);
  console.log(`    ${warmLine(e, r.warmUp)}`);
  return ratios;
}

function printCpu(f: Flat): void {
  const line = cpuLine(f);
  if (line) console.log(`    ${line}`);
  const thread = f.brokerThread;
  if (thread) {
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    console.log(
      `    the broker's main thread while the load was published: ran ${pct(thread.ran)}, waited for a core ${pct(thread.waited)}`,
    );
  }
}

/**
 * What each process on the path spent per event, how busy that kept the machine's cores, and the rate
 * they would allow busy all the time: a flat-out run short of that rate lost it to idle cores.
 */
function cpuLine(f: Flat): string | undefined {
  const parts = Object.entries(f.parts ?? {});
  if (parts.length < 2) return undefined;
  const sum = parts.reduce((total, [, us]) => total + us, 0);
  const cores = availableParallelism();
  const most = Math.round((cores * 1e6) / sum).toLocaleString('en');
  const busy = Math.round((f.perSecond * sum) / (cores * 1e4));
  const each = parts.map(([name, us]) => `${name} ${us.toFixed(1)}`).join(', ');
  return `CPU per event, µs: ${each}; sum ${sum.toFixed(1)}, ${busy} % of ${cores} cores (busy all the time: ${most}/s)`;
}

function warmLine(e: EndToEnd, warmUp: { total: number; rate: number }): string {
  const { lag } = e.warm;
  const n = warmUp.total.toLocaleString('en');
  return `before it, warm-up on the new site (${n} events at ${warmUp.rate.toLocaleString('en')}/s, not counted above): p50 ${Math.round(lag.p50)} ms, p99 ${Math.round(lag.p99)} ms`;
}
