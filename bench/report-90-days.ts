import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  deskRanking,
  occupancyReport,
  reportQuerySchema,
  resolveQuery,
  scopeOf,
} from '../api/reports/index.ts';
import { parseSite, type Site } from '../protocol/index.ts';
import { DESK_BUCKET_MS, type DeskDayRecord, type SiteQuarterRecord } from '../store/derived-records.ts';
import { openInfluxStore } from '../store/influx-store.ts';
import { startInfluxd } from '../store/influxd-process.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { findExecutable } from '../test/real-parts.ts';

// A planner's 90-day report on a 200-desk site, on each store: the site's occupancy by day (8,640
// quarter hours) and its desks ranked by use (18,000 desk days), from derived series shaped like the
// deriver's. Baseline: reading the same quarters raw, with no report arithmetic; the ratio is the
// report's cost over that plain read.

const DAYS = 90;
const END = Date.UTC(2026, 10, 23);
const START = END - DAYS * 86_400_000;

function bigSite(): Site {
  const zones = Array.from({ length: 10 }, (_, z) => ({
    id: `z${z}`,
    name: `Zone ${z}`,
    capacity: 20,
    desks: Array.from({ length: 20 }, (_, d) => ({
      id: `d${z}-${d}`,
      label: `${z}.${d}`,
      x: d * 10,
      y: z * 10,
    })),
  }));
  return parseSite({
    id: 'big',
    name: 'Big',
    timezone: 'Europe/Rome',
    capacity: 220,
    openingHours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ open: '08:00', close: '20:00' }]]),
    ),
    floors: [{ id: 'f', name: 'F', level: 0, width: 300, height: 300, zones }],
  });
}

// A believable shape without a simulator: busy mid-morning and mid-afternoon on weekdays.
function share(ts: number): number {
  const hour = new Date(ts).getUTCHours() + 1;
  const day = new Date(ts).getUTCDay();
  if (day === 0 || day === 6 || hour < 8 || hour >= 20) return 0;
  return 0.35 + 0.3 * Math.sin(((hour - 8) / 12) * Math.PI);
}

async function fill(store: Store, site: Site): Promise<void> {
  const desks = site.floors.flatMap((f) =>
    f.zones.flatMap((z) => z.desks.map((d) => ({ z: z.id, d: d.id }))),
  );
  const quarters: SiteQuarterRecord[] = [];
  for (let ts = START; ts < END; ts += DESK_BUCKET_MS) {
    const occupied = share(ts) * desks.length;
    quarters.push({
      site: 'big',
      ts,
      minutes: 15,
      occupiedSum: occupied * 15,
      knownSum: 200 * 15,
      usedMinutes: occupied > 0 ? 15 : 0,
      occupiedMax: Math.ceil(occupied),
      occupiedMaxAt: ts,
      headcountSum: Math.round(occupied * 1.1) * 15,
      headcountMinutes: 15,
      headcountMax: Math.round(occupied * 1.1),
      headcountMaxAt: ts,
    });
  }
  await store.write({ siteQuarters: quarters });
  const days: DeskDayRecord[] = [];
  for (let ts = START; ts < END; ts += 86_400_000) {
    const weekday = new Date(ts).getUTCDay() % 6 !== 0;
    for (const [i, { z, d }] of desks.entries()) {
      const occupiedMs = weekday ? (i % 9) * 3_600_000 : 0;
      const knownMs = 12 * 3_600_000;
      days.push({
        site: 'big',
        floor: 'f',
        zone: z,
        desk: d,
        ts,
        openOccupiedMs: occupiedMs,
        openKnownMs: knownMs,
        openArrivals: i % 4,
        occupiedMs,
        knownMs: 86_400_000,
        arrivals: i % 4,
      });
    }
  }
  await store.write({ deskDays: days });
}

async function time<T>(fn: () => Promise<T>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

async function measureStore(name: string, store: Store, site: Site): Promise<void> {
  const t0 = performance.now();
  await fill(store, site);
  const fillSeconds = (performance.now() - t0) / 1000;
  const q = resolveQuery(reportQuerySchema.parse({ from: '2026-08-25', to: '2026-11-22' }), site);
  const scope = scopeOf(site, q);
  if (!scope) throw new Error('no scope');
  const raw = await time(() => store.series('siteQuarters', { site: 'big', from: q.start, to: q.end }));
  const occupancy = await time(() => occupancyReport(store, site, q, scope));
  const ranking = await time(() => deskRanking(store, site, q));
  console.log(`  ${name} (filled in ${fillSeconds.toFixed(1)} s)`);
  console.log(`    raw read of 90 days of site quarters (baseline)  ${raw.toFixed(0).padStart(6)} ms`);
  console.log(
    `    occupancy report, 90 days by day                  ${occupancy.toFixed(0).padStart(6)} ms  ratio ${(occupancy / raw).toFixed(2)}`,
  );
  console.log(`    desk ranking, 200 desks, opening hours            ${ranking.toFixed(0).padStart(6)} ms`);
}

export async function benchReport90Days(): Promise<void> {
  const site = bigSite();
  console.log('\nReports: a 90-day report on 200 desks (median of 5; goal under 500 ms on both stores)');
  const dir = mkdtempSync(join(tmpdir(), 'prossima-bench-'));
  const sqlite = await openSqliteStore({ file: join(dir, 'bench.db') });
  await measureStore('SQLite', sqlite, site);
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  if (!findExecutable('influxd')) {
    console.log('  InfluxDB: skipped (influxd not found; apt-get install influxdb)');
    return;
  }
  const server = await startInfluxd();
  try {
    const influx = await openInfluxStore({ url: server.url, database: 'bench' });
    await measureStore('InfluxDB', influx, site);
    await influx.close();
  } finally {
    await server.close();
  }
}
