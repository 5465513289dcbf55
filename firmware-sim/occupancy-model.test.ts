import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, loadSites, type Site } from '../protocol/index.ts';
import { createOccupancyModel, type OccupancyEvent } from './occupancy-model.ts';

const [demo] = await loadSites([DEMO_SITE_FILE]);
if (!demo) throw new Error('demo site missing');
const site: Site = demo;
const MINUTE = 60_000;
const DAY = 86_400_000;
// Wednesday 12 March 2025, 00:00 in Rome (UTC+1).
const WED = Date.UTC(2025, 2, 11, 23);
const SAT = WED + 3 * DAY;
const SUN = WED + 4 * DAY;
const at = (day0: number, hh: number, mm = 0) => day0 + (hh * 60 + mm) * MINUTE;
const deskCount = site.floors.flatMap((f) => f.zones.flatMap((z) => z.desks)).length;

/** The share of desks taken at each of the given times, playing the model from `start`. */
function sharesAt(seed: number, start: number, times: number[]): number[] {
  const model = createOccupancyModel({ site, seed, start });
  return times.map((t) => {
    model.advance(t);
    return [...model.occupancy().values()].filter(Boolean).length / deskCount;
  });
}

function meanSharesAt(start: number, times: number[], seeds = 6): number[] {
  const sums = times.map(() => 0);
  for (let seed = 1; seed <= seeds; seed++) {
    sharesAt(seed, start, times).forEach((s, i) => {
      sums[i] = (sums[i] ?? 0) + s / seeds;
    });
  }
  return sums;
}

function playDay(seed: number, start: number): OccupancyEvent[] {
  return createOccupancyModel({ site, seed, start }).advance(start + DAY - 1);
}

describe('occupancy model: determinism', () => {
  it('gives the same desk states from the same seed and clock, and others from another seed', () => {
    const run = (seed: number) => {
      const model = createOccupancyModel({ site, seed, start: at(WED, 8) });
      return Array.from({ length: 6 * 60 }, (_, m) => model.advance(at(WED, 8) + (m + 1) * MINUTE)).flat();
    };
    const first = run(42);
    expect(first.filter((e) => e.kind === 'desk').length).toBeGreaterThan(100);
    expect(run(42)).toEqual(first);
    expect(run(43)).not.toEqual(first);
  });

  it('does not depend on how often it is advanced', () => {
    const model = createOccupancyModel({ site, seed: 5, start: at(WED, 9) });
    const fine: OccupancyEvent[] = [];
    for (let t = at(WED, 9); t <= at(WED, 15); t += 7_000) fine.push(...model.advance(t));
    const coarse = createOccupancyModel({ site, seed: 5, start: at(WED, 9) }).advance(at(WED, 15));
    expect(fine.filter((e) => e.at <= at(WED, 15) - 7_000)).toEqual(
      coarse.filter((e) => e.at <= at(WED, 15) - 7_000),
    );
  });
});

describe('occupancy model: shape of a day', () => {
  it('is busier mid-morning and mid-afternoon than at lunch, and empty at night', () => {
    const [night, morning, lunch, afternoon] = meanSharesAt(WED, [
      at(WED, 2),
      at(WED, 10, 30),
      at(WED, 12, 45),
      at(WED, 15, 30),
    ]);
    expect(night).toBe(0);
    expect(morning).toBeGreaterThan((lunch ?? 1) + 0.1);
    expect(afternoon).toBeGreaterThan((lunch ?? 1) + 0.1);
    expect(morning).toBeGreaterThan(0.5);
  });

  it('follows the opening hours at weekends: light on Saturday morning, empty after, closed Sunday', () => {
    const [wednesday] = meanSharesAt(WED, [at(WED, 10, 30)]);
    const [saturday, saturdayAfternoon] = meanSharesAt(SAT, [at(SAT, 10, 30), at(SAT, 15)]);
    expect(saturday).toBeGreaterThan(0);
    expect(saturday).toBeLessThan((wednesday ?? 0) * 0.7);
    expect(saturdayAfternoon).toBe(0);
    expect(playDay(1, SUN)).toEqual([]);
  });

  it('starts desks as the profile implies for the start time', () => {
    const [atStart] = meanSharesAt(at(WED, 10, 30), [at(WED, 10, 30)]);
    const [evening] = meanSharesAt(at(WED, 22), [at(WED, 22)]);
    expect(atStart).toBeGreaterThan(0.5);
    expect(evening).toBe(0);
  });

  it('has stays of tens of minutes to hours, and short absences of a few minutes', () => {
    const free = new Map<string, number>();
    const taken = new Map<string, number>();
    const gaps: number[] = [];
    const stays: number[] = [];
    for (const event of playDay(3, WED)) {
      if (event.kind !== 'desk') continue;
      if (event.occupied) {
        const since = free.get(event.desk);
        if (since !== undefined) gaps.push(event.at - since);
        taken.set(event.desk, event.at);
      } else {
        const since = taken.get(event.desk);
        if (since !== undefined) stays.push(event.at - since);
        free.set(event.desk, event.at);
      }
    }
    expect(gaps.filter((g) => g <= 15 * MINUTE).length).toBeGreaterThan(gaps.length / 3);
    expect(stays.filter((s) => s >= 60 * MINUTE).length).toBeGreaterThan(10);
    expect(stays.filter((s) => s < 5 * MINUTE).length).toBeLessThan(stays.length / 4);
  });

  it('fills the meeting room together for a session on some days', () => {
    const room = new Set(site.floors.flatMap((f) => f.zones.filter((z) => z.kind === 'meeting-room')));
    const seats = new Set([...room].flatMap((z) => z.desks.map((d) => d.id)));
    let daysWithSession = 0;
    let alone = 0;
    let together = 0;
    for (let day = 0; day < 8; day++) {
      const model = createOccupancyModel({ site, seed: 100 + day, start: WED });
      let peak = 0;
      for (let t = at(WED, 8); t < at(WED, 20); t += 5 * MINUTE) {
        model.advance(t);
        const inRoom = [...model.occupancy()].filter(([id, occupied]) => occupied && seats.has(id)).length;
        peak = Math.max(peak, inRoom);
        if (inRoom === 1) alone++;
        if (inRoom >= 2) together++;
      }
      if (peak >= 3) daysWithSession++;
    }
    expect(daysWithSession).toBeGreaterThan(0);
    expect(daysWithSession).toBeLessThan(8);
    expect(together).toBeGreaterThan(alone * 4);
  });
});

describe('occupancy model: doors', () => {
  it('counts everyone in before they sit and out after they leave, visitors included', () => {
    for (const seed of [1, 2]) {
      let inside = 0;
      let occupied = 0;
      let ins = 0;
      const sat = new Set<string>();
      for (const event of playDay(seed, WED)) {
        if (event.kind === 'door') {
          inside += event.direction === 'in' ? 1 : -1;
          if (event.direction === 'in') ins++;
        } else {
          occupied += event.occupied ? 1 : -1;
          if (event.occupied) sat.add(event.desk);
        }
        if (inside < occupied) throw new Error(`seed ${seed}: ${occupied} desks taken, ${inside} inside`);
      }
      expect(ins).toBeGreaterThanOrEqual(sat.size);
      expect(inside).toBe(0);
      expect(occupied).toBe(0);
    }
  });

  it('has visitors who come in and go out without ever sitting', () => {
    const visitors = playDay(1, WED).filter((e) => e.kind === 'door' && e.visitor);
    const ins = visitors.filter((e) => e.kind === 'door' && e.direction === 'in').length;
    expect(ins).toBeGreaterThan(0);
    expect(visitors.length).toBe(2 * ins);
  });

  it('skips door counts for a site without doors', () => {
    const noDoors: Site = { ...site, floors: site.floors.map((f) => ({ ...f, doors: [] })) };
    const events = createOccupancyModel({ site: noDoors, seed: 1, start: WED }).advance(WED + DAY);
    expect(events.some((e) => e.kind === 'desk')).toBe(true);
    expect(events.some((e) => e.kind === 'door')).toBe(false);
  });
});

describe('occupancy model: the clock', () => {
  it('never reports an event before its start, even when it starts after a meeting of that day', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const start = at(WED, 21, 53);
      // Through the night and the next morning: a wrong start would show at once.
      const events = createOccupancyModel({ site, seed, start }).advance(start + 14 * 60 * MINUTE);
      expect(events.filter((e) => e.at < start)).toEqual([]);
    }
  });
});
