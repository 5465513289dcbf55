import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskStateRecord, DoorCountRecord } from './records.ts';
import type { Store } from './store.ts';

// One behaviour for every store: this suite runs against SQLite and InfluxDB alike,
// in the way MQTT.js runs its abstract_store suite against each of its stores.

const T0 = Date.UTC(2026, 10, 2, 8, 0, 0); // a Monday morning

function uniqueSite(): string {
  return `c-${randomUUID().slice(0, 8)}`;
}

function desk(
  site: string,
  desk: string,
  minute: number,
  occupied: boolean,
  seq: number | null = null,
): DeskStateRecord {
  return { site, desk, floor: 'ground', zone: 'open-a', ts: T0 + minute * 60_000, occupied, seq };
}

function door(site: string, door: string, minute: number, inCount: number, out: number): DoorCountRecord {
  return { site, door, floor: 'ground', ts: T0 + minute * 60_000, in: inCount, out, seq: minute };
}

/**
 * Runs the contract against one store. `skip` names a missing real part (see test/real-parts.ts);
 * the suite then reports as skipped instead of failing.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>, skip = false): void {
  describe.skipIf(skip)(`store contract: ${name}`, () => {
    let store: Store;
    const range = { from: T0 - 3_600_000, to: T0 + 86_400_000 };

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reads desk states back in time order, by desk and range', async () => {
      const site = uniqueSite();
      await store.write({
        deskStates: [
          desk(site, 'a-02', 5, true, 1),
          desk(site, 'a-01', 10, false, 2),
          desk(site, 'a-01', 0, true, 1),
        ],
      });
      const all = await store.deskStates({ site, ...range });
      expect(all.map((r) => [r.desk, r.ts - T0, r.occupied])).toEqual([
        ['a-01', 0, true],
        ['a-02', 300_000, true],
        ['a-01', 600_000, false],
      ]);
      expect(all[0]).toEqual(desk(site, 'a-01', 0, true, 1));
      const one = await store.deskStates({ site, desk: 'a-01', from: T0, to: T0 + 600_000 });
      expect(one).toEqual([desk(site, 'a-01', 0, true, 1)]);
    });

    it('keeps one record when the same event is written twice, out of order', async () => {
      const site = uniqueSite();
      const events = [desk(site, 'a-01', 1, true, 7), desk(site, 'a-01', 2, false, 8)];
      await store.write({ deskStates: [events[1] as DeskStateRecord] });
      await store.write({ deskStates: events });
      await store.write({ deskStates: events });
      const stored = await store.deskStates({ site, ...range });
      expect(stored).toEqual(events);
    });

    it('sums door counts without counting a duplicate twice', async () => {
      const site = uniqueSite();
      const counts = [
        door(site, 'main', 1, 3, 0),
        door(site, 'main', 2, 2, 1),
        door(site, 'garden', 2, 1, 0),
      ];
      await store.write({ doorCounts: counts });
      await store.write({ doorCounts: [counts[0] as DoorCountRecord] });
      const stored = await store.doorCounts({ site, ...range });
      expect(stored.reduce((sum, r) => sum + r.in, 0)).toBe(6);
      expect(stored.reduce((sum, r) => sum + r.out, 0)).toBe(1);
      expect(await store.doorCounts({ site, door: 'garden', ...range })).toEqual([counts[2]]);
    });

    it('keeps device statuses with their optional fields', async () => {
      const site = uniqueSite();
      const full = {
        site,
        device: 'ds-a-01',
        ts: T0,
        online: true,
        battery: 87.5,
        rssi: -61,
        fw: '1.4.2 "beta"',
      };
      const will = {
        site,
        device: 'ds-a-01',
        ts: T0 + 1000,
        online: false,
        battery: null,
        rssi: null,
        fw: null,
      };
      await store.write({ deviceStatuses: [full, will] });
      expect(await store.deviceStatuses({ site, device: 'ds-a-01', ...range })).toEqual([full, will]);
    });

    it('keeps dead letters byte for byte, however hostile the payload', async () => {
      const payload = `{"occupied":"yes"}\n' OR 1=1; DROP TABLE desk_state; -- \\ "quoted", comma=equals é 🙂`;
      const letter = {
        ts: T0 + 42,
        topic: `prossima/v1/${uniqueSite()}/desk/x/state`,
        reason: 'occupied: bad',
        payload,
      };
      const twin = { ...letter, payload: 'another bad message in the same millisecond' };
      await store.write({ deadLetters: [letter, twin] });
      await store.write({ deadLetters: [letter] }); // redelivered: still one letter
      const stored = await store.deadLetters({ from: T0 + 42, to: T0 + 43 });
      expect(stored).toContainEqual(letter);
      expect(stored).toContainEqual(twin);
      expect(stored).toHaveLength(2);
    });

    it('treats hostile ids as data, not as query text', async () => {
      const site = uniqueSite();
      await store.write({ deskStates: [desk(site, 'a-01', 0, true)] });
      for (const hostile of [
        `${site}' OR '1'='1`,
        `${site}" OR "1"="1`,
        `${site}\\`,
        `x'; DROP MEASUREMENT desk_state; --`,
      ]) {
        expect(await store.deskStates({ site: hostile, ...range })).toEqual([]);
        expect(await store.deskStates({ site, desk: hostile, ...range })).toEqual([]);
      }
      expect(await store.deskStates({ site, ...range })).toHaveLength(1);
    });

    it('keeps derived series, a recomputed bucket replacing the old one', async () => {
      const site = uniqueSite();
      const usage = (desk: string, ts: number, occupiedMs: number) => ({
        site,
        floor: 'ground',
        zone: 'open-a',
        desk,
        ts,
        occupiedMs,
        knownMs: 900_000,
        arrivals: 1,
      });
      await store.write({ deskUsage: [usage('a-01', T0, 100), usage('a-02', T0, 0)] });
      await store.write({ deskUsage: [usage('a-01', T0, 450_000)] });
      expect(await store.series('deskUsage', { site, ...range })).toEqual([
        usage('a-01', T0, 450_000),
        usage('a-02', T0, 0),
      ]);
      expect(await store.series('deskUsage', { site, id: 'a-02', ...range })).toEqual([usage('a-02', T0, 0)]);

      const zone = {
        site,
        floor: 'ground',
        zone: 'open-a',
        ts: T0,
        occupiedAvg: 2.25,
        occupiedMax: 3,
        knownAvg: 16,
      };
      const other = { ...zone, zone: 'quiet', occupiedAvg: 0, occupiedMax: 0, knownAvg: 5.5 };
      const minute = { site, ts: T0 + 60_000, occupiedAvg: 7.5, occupiedMax: 9, knownAvg: 40, headcount: 12 };
      const noDoors = { ...minute, ts: T0 + 120_000, headcount: null };
      await store.write({ zoneMinutes: [zone, other], siteMinutes: [minute, noDoors] });
      expect(await store.series('zoneMinutes', { site, ...range })).toEqual([zone, other]);
      expect(await store.series('zoneMinutes', { site, id: 'quiet', ...range })).toEqual([other]);
      expect(await store.series('siteMinutes', { site, ...range })).toEqual([minute, noDoors]);
    });

    it('keeps quarter-hour and daily rollups, with their nullable fields', async () => {
      const site = uniqueSite();
      const quarter = {
        minutes: 15,
        occupiedSum: 31.5,
        knownSum: 240,
        usedMinutes: 15,
        occupiedMax: 3,
        occupiedMaxAt: T0 + 120_000,
      };
      const zone = { site, floor: 'ground', zone: 'open-a', ts: T0, ...quarter };
      const empty = {
        ...zone,
        zone: 'quiet',
        minutes: 0,
        occupiedSum: 0,
        knownSum: 0,
        usedMinutes: 0,
        occupiedMax: 0,
        occupiedMaxAt: null,
      };
      const siteQuarter = {
        site,
        ts: T0,
        ...quarter,
        headcountSum: 300,
        headcountMinutes: 15,
        headcountMax: 22,
        headcountMaxAt: T0,
      };
      const noDoors = {
        ...siteQuarter,
        ts: T0 + 900_000,
        headcountSum: 0,
        headcountMinutes: 0,
        headcountMax: null,
        headcountMaxAt: null,
      };
      const day = {
        site,
        floor: 'ground',
        zone: 'open-a',
        desk: 'a-01',
        ts: T0,
        openOccupiedMs: 3_600_000,
        openKnownMs: 43_200_000,
        openArrivals: 2,
        occupiedMs: 3_700_000,
        knownMs: 86_400_000,
        arrivals: 3,
      };
      await store.write({
        zoneQuarters: [zone, empty],
        siteQuarters: [siteQuarter, noDoors],
        deskDays: [day],
      });
      expect(await store.series('zoneQuarters', { site, ...range })).toEqual([zone, empty]);
      expect(await store.series('siteQuarters', { site, ...range })).toEqual([siteQuarter, noDoors]);
      expect(await store.series('deskDays', { site, id: 'a-01', ...range })).toEqual([day]);
    });

    it('expires events and dead letters older than asked for, and keeps the derived series', async () => {
      // Long before T0, so that no other test's records are old enough to go.
      const day = 86_400_000;
      const old = T0 - 400 * day;
      const cut = T0 - 300 * day;
      const site = uniqueSite();
      const topic = `prossima/v1/${site}/desk/a-01/state`;
      const kept = { ...desk(site, 'a-01', 0, false, 2), ts: cut + 60_000 };
      const usage = {
        site,
        floor: 'ground',
        zone: 'open-a',
        desk: 'a-01',
        ts: old,
        occupiedMs: 1,
        knownMs: 2,
        arrivals: 1,
      };
      await store.write({
        deskStates: [{ ...desk(site, 'a-01', 0, true, 1), ts: old }, kept],
        doorCounts: [{ ...door(site, 'main', 0, 3, 1), ts: old }],
        deviceStatuses: [
          { site, device: 'a-01', ts: old, online: true, battery: null, rssi: null, fw: null },
        ],
        deadLetters: [
          { ts: old, topic, reason: 'old', payload: 'x' },
          { ts: cut + 1, topic, reason: 'recent', payload: 'y' },
        ],
        deskUsage: [usage],
      });
      await store.expire({ events: cut, deadLetters: cut });
      const all = { site, from: old - day, to: T0 - 200 * day };
      expect(await store.deskStates(all)).toEqual([kept]);
      expect(await store.doorCounts(all)).toEqual([]);
      expect(await store.deviceStatuses(all)).toEqual([]);
      const letters = await store.deadLetters({ from: old - day, to: T0 - 200 * day });
      expect(letters.filter((letter) => letter.topic === topic).map((letter) => letter.reason)).toEqual([
        'recent',
      ]);
      expect(await store.series('deskUsage', all)).toEqual([usage]);
    });

    it('writes a large batch completely', async () => {
      const site = uniqueSite();
      const many = Array.from({ length: 12_000 }, (_, i) => ({
        ...desk(site, `d-${i % 200}`, 0, i % 2 === 0, i),
        ts: T0 + i * 1000,
      }));
      await store.write({ deskStates: many });
      const stored = await store.deskStates({ site, from: T0, to: T0 + 12_000 * 1000 });
      expect(stored).toHaveLength(12_000);
      expect(stored.at(-1)).toEqual(many.at(-1));
    });
  });
}
