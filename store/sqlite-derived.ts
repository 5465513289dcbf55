import type Database from 'better-sqlite3';
import type {
  DeskUsageRecord,
  DeskUsageTotal,
  SiteMinuteRecord,
  ZoneMinuteRecord,
} from './derived-records.ts';
import type { TimeRange, WriteBatch } from './records.ts';

// The derived series on SQLite: one table each, keyed like the events (place, then bucket start),
// so a recomputed bucket replaces the old one.
export const DERIVED_SCHEMA = `
CREATE TABLE IF NOT EXISTS desk_usage (
  site TEXT NOT NULL, desk TEXT NOT NULL, ts INTEGER NOT NULL, floor TEXT NOT NULL, zone TEXT NOT NULL,
  occupied_ms INTEGER NOT NULL, known_ms INTEGER NOT NULL, arrivals INTEGER NOT NULL,
  PRIMARY KEY (site, desk, ts)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS desk_usage_site_ts ON desk_usage (site, ts);
CREATE TABLE IF NOT EXISTS zone_minute (
  site TEXT NOT NULL, zone TEXT NOT NULL, ts INTEGER NOT NULL, floor TEXT NOT NULL,
  occupied_avg REAL NOT NULL, occupied_max INTEGER NOT NULL, known_avg REAL NOT NULL,
  PRIMARY KEY (site, zone, ts)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS zone_minute_site_ts ON zone_minute (site, ts);
CREATE TABLE IF NOT EXISTS site_minute (
  site TEXT NOT NULL, ts INTEGER NOT NULL,
  occupied_avg REAL NOT NULL, occupied_max INTEGER NOT NULL, known_avg REAL NOT NULL, headcount INTEGER,
  PRIMARY KEY (site, ts)) WITHOUT ROWID;
`;

type Query = TimeRange & { site: string };

export function prepareDerived(db: Database.Database) {
  const putDesk = db.prepare(`INSERT OR REPLACE INTO desk_usage
    (site, desk, ts, floor, zone, occupied_ms, known_ms, arrivals)
    VALUES (@site, @desk, @ts, @floor, @zone, @occupiedMs, @knownMs, @arrivals)`);
  const putZone = db.prepare(`INSERT OR REPLACE INTO zone_minute
    (site, zone, ts, floor, occupied_avg, occupied_max, known_avg)
    VALUES (@site, @zone, @ts, @floor, @occupiedAvg, @occupiedMax, @knownAvg)`);
  const putSite = db.prepare(`INSERT OR REPLACE INTO site_minute
    (site, ts, occupied_avg, occupied_max, known_avg, headcount)
    VALUES (@site, @ts, @occupiedAvg, @occupiedMax, @knownAvg, @headcount)`);
  const desks = db.prepare(`SELECT site, floor, zone, desk, ts, occupied_ms AS occupiedMs,
      known_ms AS knownMs, arrivals FROM desk_usage
    WHERE site = @site AND (@desk IS NULL OR desk = @desk) AND ts >= @from AND ts < @to ORDER BY ts, desk`);
  const zones = db.prepare(`SELECT site, floor, zone, ts, occupied_avg AS occupiedAvg,
      occupied_max AS occupiedMax, known_avg AS knownAvg FROM zone_minute
    WHERE site = @site AND (@zone IS NULL OR zone = @zone) AND ts >= @from AND ts < @to ORDER BY ts, zone`);
  const sites = db.prepare(`SELECT site, ts, occupied_avg AS occupiedAvg, occupied_max AS occupiedMax,
      known_avg AS knownAvg, headcount FROM site_minute
    WHERE site = @site AND ts >= @from AND ts < @to ORDER BY ts`);

  const totals =
    db.prepare(`SELECT desk, floor, zone, SUM(occupied_ms) AS occupiedMs, SUM(known_ms) AS knownMs,
      SUM(arrivals) AS arrivals FROM desk_usage
    WHERE site = @site AND ts >= @from AND ts < @to
      AND (@windows IS NULL OR EXISTS (SELECT 1 FROM json_each(@windows) AS w
        WHERE desk_usage.ts >= json_extract(w.value, '$[0]') AND desk_usage.ts < json_extract(w.value, '$[1]')))
    GROUP BY desk ORDER BY desk`);

  return {
    /** Call inside the store's write transaction. */
    write(batch: WriteBatch): void {
      for (const r of batch.deskUsage ?? []) putDesk.run(r);
      for (const r of batch.zoneMinutes ?? []) putZone.run(r);
      for (const r of batch.siteMinutes ?? []) putSite.run(r);
    },
    deskUsage: async (q: Query & { desk?: string }) =>
      desks.all({ ...range(q), desk: q.desk ?? null }) as DeskUsageRecord[],
    zoneMinutes: async (q: Query & { zone?: string }) =>
      zones.all({ ...range(q), zone: q.zone ?? null }) as ZoneMinuteRecord[],
    // The windows travel as one JSON parameter, so a long list never becomes SQL text.
    deskUsageTotals: async (q: Query & { within?: readonly TimeRange[] }) =>
      totals.all({
        ...range(q),
        windows: q.within ? JSON.stringify(q.within.map((w) => [w.from, w.to])) : null,
      }) as DeskUsageTotal[],
    siteMinutes: async (q: Query) => sites.all(range(q)) as SiteMinuteRecord[],
  };
}

const range = (q: Query) => ({ site: q.site, from: q.from, to: q.to });
