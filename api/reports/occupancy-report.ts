import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import { createLocalCalendar } from './local-calendar.ts';
import { type Quarter, quarterSeries, type Scope } from './quarter-series.ts';
import type { ResolvedQuery } from './report-query.ts';

/** One period of an occupancy report; every field is defined in docs/reports.md. */
export type OccupancyRow = {
  start: number;
  label: string;
  /** Counted minutes (in opening hours unless hours=all) with at least one desk's state known. */
  minutes: number;
  avgOccupied: number | null;
  peakOccupied: number | null;
  peakAt: number | null;
  utilisation: number | null;
  timeUsed: number | null;
  minFree: number | null;
  avgPeople: number | null;
  peakPeople: number | null;
  peakPeopleAt: number | null;
  capacity: number;
};

type Acc = {
  start: number;
  label: string;
  minutes: number;
  occupied: number;
  known: number;
  used: number;
  peak: number;
  peakAt: number | null;
  maxBusy: number;
  people: number;
  peopleMinutes: number;
  peakPeople: number;
  peakPeopleAt: number | null;
};

/** Occupancy of a site, floor or zone per hour, day or week, from the derived quarter hours. */
export async function occupancyReport(
  store: Store,
  site: Site,
  query: ResolvedQuery,
  scope: Scope,
): Promise<OccupancyRow[]> {
  const calendar = createLocalCalendar(site, query.hours);
  const periods = new Map<number, Acc>();
  for (const quarter of await quarterSeries(store, site, query, scope)) {
    if (!calendar.counts(quarter.ts)) continue;
    const period = calendar.period(quarter.ts, query.resolution);
    let acc = periods.get(period.start);
    if (!acc) {
      acc = {
        ...period,
        minutes: 0,
        occupied: 0,
        known: 0,
        used: 0,
        peak: -1,
        peakAt: null,
        maxBusy: 0,
        people: 0,
        peopleMinutes: 0,
        peakPeople: -1,
        peakPeopleAt: null,
      };
      periods.set(period.start, acc);
    }
    add(acc, quarter);
  }
  return [...periods.values()]
    .filter((acc) => acc.minutes > 0)
    .sort((a, b) => a.start - b.start)
    .map((acc) => toRow(acc, scope));
}

function add(acc: Acc, q: Quarter): void {
  acc.minutes += q.minutes;
  acc.occupied += q.occupiedSum;
  acc.known += q.knownSum;
  acc.used += q.usedMinutes;
  if (q.minutes > 0 && q.occupiedMax > acc.peak) {
    acc.peak = q.occupiedMax;
    acc.peakAt = q.occupiedMaxAt;
  }
  if (q.minutes > 0) acc.maxBusy = Math.max(acc.maxBusy, q.occupiedMax);
  acc.people += q.headcountSum;
  acc.peopleMinutes += q.headcountMinutes;
  if (q.headcountMax !== null && q.headcountMax > acc.peakPeople) {
    acc.peakPeople = q.headcountMax;
    acc.peakPeopleAt = q.headcountMaxAt;
  }
}

function toRow(acc: Acc, scope: Scope): OccupancyRow {
  const people = acc.peopleMinutes > 0;
  return {
    start: acc.start,
    label: acc.label,
    minutes: acc.minutes,
    avgOccupied: round(acc.occupied / acc.minutes),
    peakOccupied: acc.peak,
    peakAt: acc.peakAt,
    utilisation: acc.known > 0 ? round(acc.occupied / acc.known) : null,
    timeUsed: round(acc.used / acc.minutes),
    minFree: scope.desks - acc.maxBusy,
    avgPeople: people ? round(acc.people / acc.peopleMinutes) : null,
    peakPeople: people ? acc.peakPeople : null,
    peakPeopleAt: people ? acc.peakPeopleAt : null,
    capacity: scope.capacity,
  };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
