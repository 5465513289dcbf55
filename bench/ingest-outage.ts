// Ingest's memory through a 60-second InfluxDB outage at 5,000 messages/s: heap and RSS sampled
// every second before, during and after, and every event counted in InfluxDB at the end. Run alone
// (about 90 s): node --max-semi-space-size=32 --expose-gc --import tsx bench/ingest-outage.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start as startIngest } from '../ingest/index.ts';
import { openInfluxStore } from '../store/index.ts';
import { createInfluxClient } from '../store/influx-client.ts';
import { startInfluxd } from '../store/influxd-process.ts';
import { ident, influxql } from '../store/influxql.ts';
import { startTcpProxy } from '../test/ingest-tcp-proxy.ts';
import { LOAD_GENERATOR_FLAGS, runChild, stopChild } from './ingest-children.ts';
import { loadSite } from './ingest-site.ts';

const RATE = 5000;
const BEFORE_S = 10;
const OUTAGE_S = 60;
const AFTER_S = 10;

type Sample = { phase: 'before' | 'outage' | 'after'; heapMb: number; rssMb: number; walMb: number };

export async function benchIngestOutage(): Promise<void> {
  const influxd = await startInfluxd();
  const proxy = await startTcpProxy(influxd.url);
  const broker = runChild('./ingest-broker.ts');
  const { url } = (await broker.result) as { url: string };
  const work = mkdtempSync(join(tmpdir(), 'prossima-outage-'));
  const store = await openInfluxStore({ url: proxy.url, database: 'outage', timeoutMs: 2000 });
  const ingest = await startIngest({
    mqttUrl: url,
    sites: [loadSite('bo', 1000)],
    store,
    clientId: 'bench-outage',
    walDir: work,
    // Only its site: the publisher's warm-up goes to another, and ingest would dead-letter those 5,000
    // as unknown, which count as written and let the wait below end before the last desk states did.
    topicSites: ['bo'],
    statsIntervalMs: 0,
    retryMaxMs: 5000,
  });
  const total = RATE * (BEFORE_S + OUTAGE_S + AFTER_S);
  const samples: Sample[] = [];
  let phase: Sample['phase'] = 'before';
  const sampler = setInterval(() => {
    global.gc?.();
    const m = process.memoryUsage();
    const walMb = ingest.stats().gauges.walBytes / 2 ** 20;
    samples.push({ phase, heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20, walMb });
  }, 1000);
  try {
    const plan = { url, site: 'bo', desks: 1000, total, rate: RATE, connections: 4, window: 100, seqFrom: 0 };
    const publishing = runChild('./ingest-publisher.ts', plan, LOAD_GENERATOR_FLAGS).result;
    await sleep(BEFORE_S * 1000);
    phase = 'outage';
    await proxy.cut();
    await sleep(OUTAGE_S * 1000);
    await proxy.restore();
    phase = 'after';
    await publishing;
    const started = Date.now();
    while (ingest.stats().counters.written < total) await sleep(100);
    const catchUp = Date.now() - started;
    clearInterval(sampler);
    const client = createInfluxClient({ url: influxd.url, database: 'outage' });
    const [series] = await client.query(
      influxql`SELECT COUNT(${ident('occupied')}) FROM ${ident('desk_state')}`,
    );
    const stored = Number(series?.values[0]?.[1] ?? 0);
    print(samples, { total, stored, catchUp, retries: ingest.stats().counters.retries });
  } finally {
    clearInterval(sampler);
    await ingest.close();
    await store.close();
    await stopChild(broker.child);
    await proxy.close();
    await influxd.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function print(samples: Sample[], r: { total: number; stored: number; catchUp: number; retries: number }) {
  console.log(`\nIngest through a ${OUTAGE_S} s InfluxDB outage at ${RATE.toLocaleString('en')} messages/s`);
  for (const phase of ['before', 'outage', 'after'] as const) {
    const of = samples.filter((s) => s.phase === phase);
    const range = (pick: (s: Sample) => number) =>
      `${Math.round(Math.min(...of.map(pick)))}–${Math.round(Math.max(...of.map(pick)))}`;
    console.log(
      `  ${phase.padEnd(7)} heap ${range((s) => s.heapMb)} MB, rss ${range((s) => s.rssMb)} MB, log ${range((s) => s.walMb)} MB (${of.length} samples)`,
    );
  }
  console.log(
    `  stored ${r.stored.toLocaleString('en')} of ${r.total.toLocaleString('en')} (lost ${r.total - r.stored}); ` +
      `backlog written ${r.catchUp} ms after the last publish; ${r.retries} retried writes`,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (import.meta.url === `file://${process.argv[1]}`) await benchIngestOutage();
