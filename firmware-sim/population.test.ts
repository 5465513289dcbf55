import { describe, expect, it } from 'vitest';
import { createOccupancyModel, type OccupancyEvent, type PersonView } from './occupancy-model.ts';
import { demoSite } from './test-sites.ts';

const site = await demoSite();
const MINUTE = 60_000;
const DAY = 86_400_000;
// Monday 10 March 2025, 00:00 in Rome.
const MON = Date.UTC(2025, 2, 9, 23);
const workDesks = site.floors
  .flatMap((f) => f.zones)
  .filter((z) => z.kind !== 'meeting-room')
  .flatMap((z) => z.desks.map((d) => d.id));

/** Who sits where, every 10 minutes of the working hours of `days` days from Monday. */
function sample(seed: number, days: number): Array<{ day: number; people: PersonView[] }> {
  const model = createOccupancyModel({ site, seed, start: MON });
  const samples: Array<{ day: number; people: PersonView[] }> = [];
  for (let day = 0; day < days; day++) {
    for (let m = 8 * 60; m < 20 * 60; m += 10) {
      model.advance(MON + day * DAY + m * MINUTE);
      samples.push({ day, people: model.people() });
    }
  }
  return samples;
}

describe('people: regulars and drop-ins', () => {
  const week = sample(3, 5);

  it('seats a regular at a favourite desk on most of the days they come, far more than at any other', () => {
    const regulars = week[0]?.people.filter((p) => p.kind === 'regular') ?? [];
    expect(regulars.length).toBeGreaterThan(workDesks.length);
    let cameDays = 0;
    let favouriteDays = 0;
    let atFavourite = 0;
    let elsewhere = 0;
    for (const regular of regulars) {
      const came = new Set<number>();
      const onFavourite = new Set<number>();
      for (const { day, people } of week) {
        const me = people.find((p) => p.id === regular.id);
        if (!me?.seated || !me.desk) continue;
        came.add(day);
        if (regular.favourites.includes(me.desk)) {
          onFavourite.add(day);
          atFavourite++;
        } else {
          elsewhere++;
        }
      }
      cameDays += came.size;
      favouriteDays += onFavourite.size;
    }
    expect(favouriteDays / cameDays).toBeGreaterThan(0.7);
    // Per desk: a favourite (1–2 desks) against the other ~33 work desks.
    const perFavourite = atFavourite / 1.4;
    const perOther = elsewhere / (workDesks.length - 1.4);
    expect(perFavourite).toBeGreaterThan(10 * perOther);
  });

  it('spreads drop-ins over many desks', () => {
    const desks = new Set(
      week.flatMap(({ people }) => people.filter((p) => p.kind === 'drop-in' && p.seated).map((p) => p.desk)),
    );
    expect(desks.size).toBeGreaterThan(workDesks.length * 0.6);
  });

  it('never gives a desk to two people at once', () => {
    for (const { people } of week) {
      const held = people.flatMap((p) => (p.desk ? [p.desk] : []));
      expect(new Set(held).size).toBe(held.length);
    }
  });

  it('is the same population and the same day for the same seed', () => {
    const day = (seed: number) => {
      const model = createOccupancyModel({ site, seed, start: MON });
      return { events: model.advance(MON + DAY), people: model.people() };
    };
    const first = day(3);
    expect(day(3)).toEqual(first);
    expect(day(4).events).not.toEqual(first.events);
    expect(week.at(-1)?.people.map((p) => [p.id, p.favourites])).toEqual(
      first.people.map((p) => [p.id, p.favourites]),
    );
  });
});

describe('people: doors', () => {
  it('takes everyone in through a door before they sit, and out only after they stand up', () => {
    const events: OccupancyEvent[] = createOccupancyModel({ site, seed: 5, start: MON }).advance(
      MON + 2 * DAY,
    );
    const state = new Map<string, 'out' | 'in' | 'seated'>();
    const deskOf = new Map<string, string>();
    let ins = 0;
    let arrivalsSeated = 0;
    for (const e of events) {
      if (e.kind === 'door' && e.visitor) continue;
      const now = state.get(e.person) ?? 'out';
      if (e.kind === 'door') {
        expect(now).toBe(e.direction === 'in' ? 'out' : 'in');
        if (e.direction === 'in') ins++;
        state.set(e.person, e.direction === 'in' ? 'in' : 'out');
        continue;
      }
      expect(now).toBe(e.occupied ? 'in' : 'seated');
      // Nobody sits where someone else is sitting.
      if (e.occupied) expect(deskOf.get(e.desk)).toBeUndefined();
      else expect(deskOf.get(e.desk)).toBe(e.person);
      if (e.occupied) deskOf.set(e.desk, e.person);
      else deskOf.delete(e.desk);
      state.set(e.person, e.occupied ? 'seated' : 'in');
      if (e.occupied && now === 'in') arrivalsSeated++;
    }
    expect(ins).toBeGreaterThan(40);
    expect(ins).toBeGreaterThanOrEqual(
      new Set(events.filter((e) => e.kind === 'desk').map((e) => e.person)).size,
    );
    expect(arrivalsSeated).toBeGreaterThan(40);
    expect([...state.values()].every((s) => s === 'out')).toBe(true);
  });
});
