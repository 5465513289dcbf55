import { describe, expect, it } from 'vitest';
import type { Site } from '../protocol/index.ts';
import type { Outbound } from './device-state.ts';
import { type Faults, faultOptionsSchema } from './fault-options.ts';
import { createOccupancyModel, type OccupancyModel } from './occupancy-model.ts';
import { planOutages } from './outages.ts';
import { scaleSites } from './scale-sites.ts';
import { createSiteFeed, type SiteFeed } from './site-feed.ts';
import { demoSite } from './test-sites.ts';

const HOUR = 3_600_000;
// Wednesday 12 March 2025, 00:00 in Rome.
const WED = Date.UTC(2025, 2, 11, 23);
const sites = scaleSites([await demoSite()], 420);

/** Feeds for the first `count` sites (42 devices each), starting at `start`. */
function feeds(
  faults: Partial<Faults>,
  count = 10,
  start = WED,
  seed = 1,
): Array<{ site: Site; feed: SiteFeed; model: OccupancyModel }> {
  return sites.slice(0, count).map((site, i) => {
    const model = createOccupancyModel({ site, seed: seed + i, start });
    const config = faultOptionsSchema.parse(faults);
    return {
      site,
      model,
      feed: createSiteFeed({
        site,
        model,
        seed: seed * 1000 + i,
        start,
        heartbeatMs: 300_000,
        doorReportMs: 60_000,
        faults: config,
      }),
    };
  });
}

const payloadOf = (m: Outbound) =>
  JSON.parse(m.payload) as { ts: number; occupied?: boolean; in?: number; out?: number };

describe('sensor faults', () => {
  it('skew the clocks of the share of devices asked for, each by half to all of skewMs', () => {
    const all = feeds({ skew: 0.25, skewMs: 120_000 }, 10, WED + 10 * HOUR);
    const skewed = new Map(all.flatMap(({ feed }) => [...feed.faulty().skewed]));
    expect(skewed.size / 420).toBeGreaterThan(0.17);
    expect(skewed.size / 420).toBeLessThan(0.33);
    for (const ms of skewed.values()) {
      expect(Math.abs(ms)).toBeGreaterThanOrEqual(60_000);
      expect(Math.abs(ms)).toBeLessThanOrEqual(120_000);
    }
    const messages = all.flatMap(({ feed }) => [...feed.initial(), ...feed.advance(WED + 11 * HOUR)]);
    for (const m of messages) expect(payloadOf(m).ts - m.at).toBe(skewed.get(m.device) ?? 0);
    expect(new Set(messages.map((m) => m.device)).size).toBe(420);
  });

  it('make the share of desk sensors asked for bounce after each change, settling on the truth', () => {
    const all = feeds({ flap: 0.3 }, 5, WED + 8 * HOUR);
    const flaky = new Set(all.flatMap(({ feed }) => feed.faulty().flaky));
    expect(flaky.size / 200).toBeGreaterThan(0.18);
    expect(flaky.size / 200).toBeLessThan(0.42);
    const perDesk = new Map<string, { changes: number; reports: number; last?: boolean }>();
    for (const { feed } of all) {
      feed.initial();
      for (const m of feed.advance(WED + 12 * HOUR)) {
        if (!m.topic.endsWith('/state')) continue;
        const entry = perDesk.get(m.device) ?? { changes: 0, reports: 0 };
        const { occupied } = payloadOf(m);
        if (entry.last !== occupied) entry.changes++;
        entry.reports++;
        entry.last = occupied;
        perDesk.set(m.device, entry);
      }
    }
    const totals = all.reduce((n, { feed }) => n + feed.totals().bounces, 0);
    expect(totals).toBeGreaterThan(0);
    const changes = (ids: string[]) => ids.reduce((n, id) => n + (perDesk.get(id)?.changes ?? 0), 0);
    const steady = [...perDesk.keys()].filter((id) => !flaky.has(id));
    const bouncing = [...perDesk.keys()].filter((id) => flaky.has(id));
    // A bouncing desk shows 2–6 extra flips per real change: three to seven times as many in all.
    expect(changes(bouncing) / bouncing.length).toBeGreaterThan((2.5 * changes(steady)) / steady.length);
    // Every bounce ends where the desk really is: the last report of each desk is the model's state.
    for (const { feed, model } of all) {
      expect(feed.totals().deskChanges).toBeGreaterThan(0);
      for (const device of feed.devices.filter((d) => d.kind === 'desk' && perDesk.has(d.id))) {
        expect(perDesk.get(device.id)?.last).toBe(model.occupancy().get(device.target));
      }
    }
  });

  it('make door counters miss the share of crossings asked for, so in − out drifts', () => {
    const all = feeds({ missCrossings: 0.1 }, 5, WED + 7 * HOUR);
    let inCount = 0;
    let outCount = 0;
    for (const { feed } of all) {
      for (const m of feed.advance(WED + 21 * HOUR)) {
        if (!m.topic.endsWith('/count')) continue;
        inCount += payloadOf(m).in ?? 0;
        outCount += payloadOf(m).out ?? 0;
      }
    }
    const totals = all.map(({ feed }) => feed.totals());
    const missed = totals.reduce((n, t) => n + t.missedCrossings, 0);
    expect(inCount + outCount).toBe(totals.reduce((n, t) => n + t.doorIn + t.doorOut, 0));
    expect(missed / (missed + inCount + outCount)).toBeGreaterThan(0.08);
    expect(missed / (missed + inCount + outCount)).toBeLessThan(0.12);
    expect(inCount).not.toBe(outCount);
    const clean = feeds({}, 2, WED + 7 * HOUR).map(({ feed }) => {
      feed.advance(WED + 23 * HOUR);
      return feed.totals();
    });
    expect(clean.every((t) => t.doorIn === t.doorOut && t.missedCrossings === 0)).toBe(true);
  });
});

describe('outages', () => {
  const devices = Array.from({ length: 1000 }, (_, i) => `ds-${i}`);

  it('come at the rate asked for, per device and hour, lasting about offlineMs', () => {
    const plan = planOutages(devices, { perHour: 0.5, meanDownMs: 180_000, seed: 4, start: WED });
    const outages = [...plan.due(WED + 2 * HOUR), ...plan.due(WED + 4 * HOUR)];
    // 1000 devices × 4 h × 0.5 = 2000, a little less for the time spent down.
    expect(outages.length).toBeGreaterThan(1800);
    expect(outages.length).toBeLessThan(2100);
    const mean = outages.reduce((n, o) => n + o.downMs, 0) / outages.length;
    expect(mean).toBeGreaterThan(160_000);
    expect(mean).toBeLessThan(200_000);
    expect(outages.every((o, i) => i === 0 || o.at >= (outages[i - 1]?.at ?? 0))).toBe(true);
    const [first] = outages;
    if (!first) throw new Error('no outage');
    expect(plan.isDown(first.device, first.at - 1)).toBe(false);
  });

  it('are the same for the same seed, however the time is cut', () => {
    const a = planOutages(devices, { perHour: 1, meanDownMs: 60_000, seed: 9, start: WED });
    const b = planOutages(devices, { perHour: 1, meanDownMs: 60_000, seed: 9, start: WED });
    const coarse = a.due(WED + HOUR);
    const fine = Array.from({ length: 60 }, (_, m) => b.due(WED + (m + 1) * 60_000)).flat();
    expect(fine).toEqual(coarse);
  });

  it('never happen when off', () => {
    expect(
      planOutages(devices, { perHour: 0, meanDownMs: 60_000, seed: 1, start: WED }).due(WED + 100 * HOUR),
    ).toEqual([]);
  });
});
