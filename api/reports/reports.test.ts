import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeriver } from '../../ingest/derive/index.ts';
import { parseSite } from '../../protocol/index.ts';
import { openInfluxStore } from '../../store/influx-store.ts';
import { startInfluxd } from '../../store/influxd-process.ts';
import type { DeskStateRecord, DoorCountRecord } from '../../store/records.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { realPart } from '../../test/real-parts.ts';
import {
  capacityReport,
  deskRanking,
  entriesReport,
  headcountCurve,
  heatmapReport,
  occupancyReport,
  reportQuerySchema,
  resolveQuery,
  scopeOf,
  toCsv,
  zoneRanking,
} from './index.ts';

// A small fixture computed by hand (docs/reports.md walks through it): one Monday in Rome (UTC+1),
// open 09:00–18:00. d1 is taken 09:00–11:00 and 14:00–16:00, d2 10:00–12:00, d3 never; every desk
// reports every 5 minutes from 08:00 to 19:00. Doors: 2 in at 08:55, 1 in at 09:55, 1 out at 12:00,
// 2 out at 16:00.
const site = parseSite({
  id: 'borgo',
  name: 'Borgo',
  timezone: 'Europe/Rome',
  capacity: 5,
  openingHours: { mon: [{ open: '09:00', close: '18:00' }] },
  floors: [
    {
      id: 'ground',
      name: 'Ground',
      level: 0,
      width: 100,
      height: 100,
      zones: [
        { id: 'z1', name: 'One', capacity: 2, desks: [desk('d1'), desk('d2')] },
        { id: 'z2', name: 'Two', capacity: 2, desks: [desk('d3')] },
      ],
      doors: [{ id: 'main', label: 'Main', x: 0, y: 0 }],
    },
  ],
});
function desk(id: string) {
  return { id, label: id.toUpperCase(), x: 10, y: 10 };
}
const local = (hh: number, mm = 0) => Date.UTC(2026, 10, 23, hh - 1, mm); // Monday, Rome = UTC+1
const busy: Record<string, Array<[number, number]>> = {
  d1: [
    [9, 11],
    [14, 16],
  ],
  d2: [[10, 12]],
  d3: [],
};

function events(): { deskStates: DeskStateRecord[]; doorCounts: DoorCountRecord[] } {
  const deskStates: DeskStateRecord[] = [];
  for (const [id, spans] of Object.entries(busy)) {
    for (let ts = local(8); ts <= local(19); ts += 5 * 60_000) {
      const hour = (ts - local(0)) / 3_600_000;
      const occupied = spans.some(([a, b]) => hour >= a && hour < b);
      deskStates.push({
        site: 'borgo',
        desk: id,
        floor: 'ground',
        zone: id === 'd3' ? 'z2' : 'z1',
        ts,
        occupied,
        seq: null,
      });
    }
  }
  const door = (ts: number, inCount: number, out: number): DoorCountRecord => ({
    site: 'borgo',
    door: 'main',
    floor: 'ground',
    ts,
    in: inCount,
    out,
    seq: null,
  });
  return {
    deskStates,
    doorCounts: [
      door(local(8, 55), 2, 0),
      door(local(9, 55), 1, 0),
      door(local(12), 0, 1),
      door(local(16), 0, 2),
    ],
  };
}

function mustScope(q: ReturnType<typeof query>) {
  const scope = scopeOf(site, q);
  if (!scope) throw new Error(`no scope ${q.scope} ${q.id}`);
  return scope;
}

const query = (extra: Record<string, string> = {}) =>
  resolveQuery(reportQuerySchema.parse({ from: '2026-11-23', to: '2026-11-23', ...extra }), site);

function describeReports(name: string, open: () => Promise<Store>, skip = false) {
  describe.skipIf(skip)(`reports on ${name}, against the hand-computed fixture`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      const batch = events();
      await store.write(batch);
      const deriver = createDeriver({ store, sites: [site], now: () => local(23) });
      deriver.markStored(batch);
      await deriver.run();
    });
    afterAll(() => store?.close());

    it('occupancy of the site for the day, within opening hours', async () => {
      const q = query();
      expect(await occupancyReport(store, site, q, mustScope(q))).toEqual([
        {
          start: local(0),
          label: '2026-11-23',
          minutes: 540,
          avgOccupied: 0.667, // 360 desk-minutes over 540 minutes
          peakOccupied: 2,
          peakAt: local(10),
          utilisation: 0.222, // 360 of 1,620 known desk-minutes
          timeUsed: 0.556, // 300 of 540 minutes with any desk taken
          minFree: 1,
          avgPeople: 1.787, // (55×2 + 125×3 + 240×2 + 120×0) / 540
          peakPeople: 3,
          peakPeopleAt: local(9, 55),
          capacity: 5,
        },
      ]);
    });

    it('occupancy of a zone by hour', async () => {
      const q = query({ scope: 'zone', id: 'z1', resolution: 'hour' });
      const rows = await occupancyReport(store, site, q, mustScope(q));
      expect(rows.map((r) => [r.label, r.avgOccupied, r.peakOccupied])).toEqual([
        ['2026-11-23T09:00', 1, 1],
        ['2026-11-23T10:00', 2, 2],
        ['2026-11-23T11:00', 1, 1],
        ['2026-11-23T12:00', 0, 0],
        ['2026-11-23T13:00', 0, 0],
        ['2026-11-23T14:00', 1, 1],
        ['2026-11-23T15:00', 1, 1],
        ['2026-11-23T16:00', 0, 0],
        ['2026-11-23T17:00', 0, 0],
      ]);
      expect(rows[1]?.minFree).toBe(0);
    });

    it('a floor counts all its desks: the same numbers as the site here, bar the people', async () => {
      const q = query({ scope: 'floor', id: 'ground' });
      const [row] = await occupancyReport(store, site, q, mustScope(q));
      expect(row).toMatchObject({
        minutes: 540,
        avgOccupied: 0.667,
        peakOccupied: 2,
        peakAt: local(10),
        minFree: 1,
      });
      expect(row).toMatchObject({ utilisation: 0.222, timeUsed: 0.556, avgPeople: null, capacity: 4 });
    });

    it('occupancy of one desk, from its 15-minute buckets', async () => {
      const q = query({ scope: 'desk', id: 'd1' });
      const [row] = await occupancyReport(store, site, q, mustScope(q));
      // 240 of 540 known minutes taken: 09:00–11:00 and 14:00–16:00.
      expect(row).toMatchObject({ minutes: 540, avgOccupied: 0.444, utilisation: 0.444, timeUsed: 0.444 });
      expect(row).toMatchObject({
        peakOccupied: 1,
        peakAt: local(9),
        minFree: 0,
        capacity: 1,
        avgPeople: null,
      });
      const hours = await occupancyReport(
        store,
        site,
        query({ scope: 'desk', id: 'd2', resolution: 'hour' }),
        mustScope(query({ scope: 'desk', id: 'd2' })),
      );
      expect(hours.map((r) => r.avgOccupied)).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0]);
    });

    it('the hour × weekday heatmap, busiest and quietest', async () => {
      const q = query();
      const heatmap = await heatmapReport(store, site, q, mustScope(q));
      expect(heatmap.cells).toHaveLength(9);
      expect(heatmap.busiest[0]).toEqual({
        weekday: 'mon',
        hour: 10,
        minutes: 60,
        avgOccupied: 2,
        utilisation: 0.667,
      });
      expect(heatmap.quietest.map((c) => c.avgOccupied)).toEqual([0, 0, 0]);
    });

    it('desks ranked by use, never-used included', async () => {
      const rows = await deskRanking(store, site, query());
      expect(rows.map((r) => [r.desk, r.utilisation, r.arrivals, r.avgDwellMinutes, r.use])).toEqual([
        ['d1', 0.444, 2, 120, 'used'],
        ['d2', 0.222, 1, 120, 'used'],
        ['d3', 0, 0, null, 'never'],
      ]);
    });

    it('zones ranked by use, the unused one flagged', async () => {
      const rows = await zoneRanking(store, site, query());
      expect(rows.map((r) => [r.zone, r.utilisation, r.timeUsed, r.use])).toEqual([
        ['z1', 0.333, 0.556, 'used'], // 360 of 1,080 known desk-minutes; 300 of 540 minutes in use
        ['z2', 0, 0, 'never'],
      ]);
    });

    it('the headcount curve, and the same curve after a manager calibrated it', async () => {
      const q = query({ resolution: 'hour' });
      const curve = await headcountCurve(store, site, q, []);
      const at = (hh: number, mm: number) => curve.find((p) => p.ts === local(hh, mm));
      expect(curve).toHaveLength(36);
      expect(at(9, 15)).toEqual({
        ts: local(9, 15),
        label: '2026-11-23T09:15',
        people: 2,
        calibrated: false,
      });
      expect([at(10, 0)?.people, at(12, 15)?.people, at(16, 15)?.people]).toEqual([3, 2, 0]);
      // At 10:30 a manager counts 5 people: from then on, 5 plus in − out since.
      const calibrated = await headcountCurve(store, site, q, [{ at: local(10, 30), count: 5 }]);
      const after = (hh: number, mm: number) => calibrated.find((p) => p.ts === local(hh, mm));
      expect([
        after(10, 15)?.people,
        after(10, 45)?.people,
        after(12, 15)?.people,
        after(16, 15)?.people,
      ]).toEqual([3, 5, 4, 2]);
      expect(after(10, 45)?.calibrated).toBe(true);
    });

    it('entries per day, and the capacity answer in words', async () => {
      expect(await entriesReport(store, site, query())).toEqual([
        { day: '2026-11-23', start: local(0), entries: 3, exits: 3 },
      ]);
      const q = query();
      const answer = await capacityReport(store, site, q, mustScope(q));
      expect(answer).toMatchObject({ measure: 'people', days: 1, p95Peak: 3, capacity: 5, share: 0.6 });
      expect(answer.answer).toBe(
        'On 95% of the 1 days the peak was at most 3 people, 60% of the capacity of 5; the busiest day, 2026-11-23, reached 3.',
      );
    });
  });
}

describeReports('SQLite', () => openSqliteStore({ file: ':memory:' }));

const influxd = realPart('influxd', 'apt-get install influxdb');
let server: { url: string; close(): Promise<void> } | undefined;
beforeAll(async () => {
  if (influxd.found) server = await startInfluxd();
});
afterAll(() => server?.close());
describeReports(
  'InfluxDB',
  () => openInfluxStore({ url: server?.url ?? '', database: 'reports' }),
  !influxd.found,
);

describe('report queries', () => {
  it('refuse what they cannot answer, saying why', () => {
    const bad = (q: Record<string, string>) =>
      reportQuerySchema.safeParse({ from: '2026-01-01', to: '2026-01-02', ...q });
    expect(bad({ scope: 'zone' }).error?.issues[0]?.message).toBe('id is required for this scope');
    expect(bad({ from: '2026-02-01' }).error?.issues[0]?.message).toBe('from must not be after to');
    expect(bad({ to: '2026-03-01', resolution: 'hour' }).error?.issues[0]?.message).toMatch(/range too long/);
    expect(bad({ from: "2026-01-01' OR 1=1" }).error?.issues[0]?.message).toBe(
      'must be a date as YYYY-MM-DD',
    );
  });

  it('turn rows into CSV that a spreadsheet opens safely', () => {
    expect(
      toCsv([
        { a: 1, b: 'x,y' },
        { a: null, b: '=HYPERLINK("x")' },
      ]),
    ).toBe('a,b\r\n1,"x,y"\r\n,"\'=HYPERLINK(""x"")"\r\n');
  });
});
