import mqtt from 'mqtt';
import { siteFilter } from '../protocol/index.ts';
import type { Store, WriteBatch } from '../store/index.ts';
import { deskId } from './ingest-site.ts';
import { collectGarbage } from './measure.ts';
import { cpuMeter, mainThreadMeter, type ThreadShare } from './process-cpu.ts';

// The ingest benchmark's two ceilings (bench/ingest-e2e.ts): the broker alone, the same publishers
// with a subscriber that only counts, and the store alone, the same points written directly in batches.

/**
 * `perSecond`: events over the whole run, first publish to last counted. `steady`: events/s between
 * the moments 10 % and 90 % of them were counted, what the path sustains once started and before its
 * last events drain (see steadyRate). `parts`: CPU µs per event of each process on the path, where
 * readable (see EndToEnd). `brokerThread`: how much of the time the load was published the broker's
 * main thread ran and waited for a core, where readable.
 */
export type Flat = {
  name: string;
  perSecond: number;
  seconds: number;
  steady?: number;
  parts?: Record<string, number>;
  brokerThread?: ThreadShare | undefined;
};

/** When the count of events stored (or received) reached `count`. */
export type Mark = { at: number; count: number };

/** What the publisher child reports: `startedAt` is its first publish (epoch ms, same clock). */
export type Published = { published: number; ms: number; startedAt: number; cpuUs: number };
export type Publish = (site: string, total: number, rate?: number) => Promise<Published>;

/** How much a ceiling run sends: `total` measured, after `warmUp` at a moderate rate. */
export type Plan = { total: number; desks: number; warmUp: { total: number; rate: number } };

export async function brokerAlone(
  plan: Plan,
  url: string,
  publish: Publish,
  site: string,
  when: string,
  pid?: number,
): Promise<Flat> {
  const { total, warmUp } = plan;
  const counter = await mqtt.connectAsync(url, {
    clientId: `bench-counter-${site}`,
    clean: false,
    log: () => {},
  });
  await counter.subscribeAsync(siteFilter(site), { qos: 1 });
  let received = 0;
  let last = 0;
  let corked = false;
  const marks: Mark[] = [];
  // Its PUBACKs go out a turn of the event loop at a time, as ingest's do, so it is a true ceiling.
  counter.handleMessage = (_packet, done) => {
    if (!corked) {
      corked = true;
      const stream = counter.stream;
      stream.cork();
      setImmediate(() => {
        corked = false;
        stream.uncork();
      });
    }
    received += 1;
    last = Date.now();
    if (received % 1000 === 0) marks.push({ at: last, count: received });
    done();
  };
  // Warmed as the end-to-end phases are, so the ceiling is not measured on a cold broker.
  await publish(site, warmUp.total, warmUp.rate);
  while (received < warmUp.total) await new Promise((resolve) => setTimeout(resolve, 10));
  received = 0;
  marks.length = 0;
  collectGarbage();
  const meter = cpuMeter({ broker: pid });
  const thread = mainThreadMeter(pid);
  const cpu = process.cpuUsage();
  const sent = await publish(site, total);
  const brokerThread = thread.stop(sent.startedAt, sent.startedAt + sent.ms);
  while (received < total) await new Promise((resolve) => setTimeout(resolve, 10));
  const used = process.cpuUsage(cpu);
  const parts = {
    'load generator': sent.cpuUs,
    ...meter.perEvent(total),
    'counting subscriber': (used.user + used.system) / total,
  };
  await counter.endAsync();
  const steady = steadyRate(marks, total);
  return { ...flat(`broker alone, ${when}`, total, last - sent.startedAt), steady, parts, brokerThread };
}

export async function storeAlone(plan: Plan, name: string, store: Store): Promise<Flat> {
  const { total, desks } = plan;
  const t0 = Date.now() - 3_600_000;
  const batches: WriteBatch[] = [];
  for (let from = 0; from < total; from += 5000) {
    batches.push({
      deskStates: Array.from({ length: 5000 }, (_, i) => ({
        site: 'bstore',
        desk: deskId((from + i) % desks),
        floor: 'ground',
        zone: `z-${Math.floor(((from + i) % desks) / 50)}`,
        ts: t0 + Math.floor((from + i) / desks),
        occupied: i % 2 === 0,
        seq: from + i,
      })),
    });
  }
  // Warmed like the end-to-end phases: the site's series exist before the clock starts.
  const [first] = batches;
  if (first) await store.write({ deskStates: first.deskStates?.map((r) => ({ ...r, ts: r.ts - 60_000 })) });
  const started = Date.now();
  for (const batch of batches) await store.write(batch);
  return flat(name, total, Date.now() - started);
}

export function flat(name: string, events: number, ms: number): Flat {
  return { name, perSecond: (events / ms) * 1000, seconds: ms / 1000 };
}

/**
 * Events per second between the first marks at or past 10 % and 90 % of `total`, from the counts at
 * those marks. A whole run also holds its start (connections filling their windows) and its end: the
 * last events of an end-to-end run wait for their batch (ingest lingers up to 50 ms for more) and its
 * write, about a p50 latency that a counting subscriber does not have, a fixed cost per run, not a rate.
 */
export function steadyRate(marks: Mark[], total: number): number | undefined {
  const from = marks.find((m) => m.count >= total * 0.1);
  const to = marks.find((m) => m.count >= total * 0.9);
  if (!from || !to || to.at <= from.at) return undefined;
  return ((to.count - from.count) / (to.at - from.at)) * 1000;
}
