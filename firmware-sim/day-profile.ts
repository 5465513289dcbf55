import type { LocalTime, OpeningHours, Weekday } from '../protocol/index.ts';

// The share of desks a small coworking space has taken, by local time on a busy weekday: arrivals spread over
// 08:00–10:00, a lunch dip 12:30–14:00 (people go out to eat), departures 17:00–19:00. Points are
// [minutes since midnight, share]; the curve is linear between them.
const WEEKDAY_CURVE: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [7 * 60 + 30, 0],
  [8 * 60, 0.05],
  [9 * 60, 0.45],
  [10 * 60, 0.8],
  [12 * 60 + 15, 0.85],
  [12 * 60 + 45, 0.5],
  [13 * 60 + 30, 0.45],
  [14 * 60 + 15, 0.8],
  [16 * 60 + 30, 0.82],
  [17 * 60, 0.7],
  [18 * 60, 0.35],
  [19 * 60, 0.1],
  [20 * 60, 0.02],
  [24 * 60, 0],
];

// Mondays and Fridays are lighter; weekends, when the space opens at all, are light.
const DAY_FACTOR: Record<Weekday, number> = {
  mon: 0.85,
  tue: 1,
  wed: 1,
  thu: 0.95,
  fri: 0.75,
  sat: 0.45,
  sun: 0.35,
};

// Nobody is at a desk the minute the door opens, and everyone is gone by closing time.
const OPENING_RAMP_MIN = 60;
const CLOSING_TAPER_MIN = 60;

/** The opening interval (minutes since midnight) that contains the local time, if the site is open then. */
export function openInterval(
  hours: OpeningHours,
  local: LocalTime,
): { open: number; close: number } | undefined {
  for (const interval of hours[local.weekday] ?? []) {
    const open = toMinutes(interval.open);
    const close = toMinutes(interval.close);
    if (local.minutes >= open && local.minutes < close) return { open, close };
  }
  return undefined;
}

/**
 * The share of desks (0..1) that should be taken at this local time: zero whenever the site is closed.
 * @example targetShare(site.openingHours, { weekday: 'wed', minutes: 630, day: '2025-03-12' }) // 0.81
 */
export function targetShare(hours: OpeningHours, local: LocalTime): number {
  const interval = openInterval(hours, local);
  return interval ? shareWithin(interval, local.weekday, local.minutes) : 0;
}

/**
 * The share at this local time within an opening interval the caller found (the model reads it for many
 * people at once, each on their own clock); zero outside the interval.
 */
export function shareWithin(
  interval: { open: number; close: number },
  weekday: Weekday,
  minutes: number,
): number {
  if (minutes < interval.open || minutes >= interval.close) return 0;
  const ramp = clamp(0.15 + (minutes - interval.open) / OPENING_RAMP_MIN);
  const taper = clamp((interval.close - minutes) / CLOSING_TAPER_MIN);
  return curveAt(minutes) * DAY_FACTOR[weekday] * Math.min(ramp, taper);
}

export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

// The curve sampled once per minute: the model reads it for every person at every step.
const CURVE_BY_MINUTE = Float64Array.from({ length: 24 * 60 + 1 }, (_, m) => interpolate(m));

function curveAt(minutes: number): number {
  const whole = Math.floor(minutes);
  if (whole < 0 || whole >= 24 * 60) return 0;
  const y0 = CURVE_BY_MINUTE[whole] ?? 0;
  return y0 + ((CURVE_BY_MINUTE[whole + 1] ?? 0) - y0) * (minutes - whole);
}

function interpolate(minutes: number): number {
  for (let i = 1; i < WEEKDAY_CURVE.length; i++) {
    const [x1, y1] = WEEKDAY_CURVE[i] as readonly [number, number];
    if (minutes <= x1) {
      const [x0, y0] = WEEKDAY_CURVE[i - 1] as readonly [number, number];
      return y0 + ((y1 - y0) * (minutes - x0)) / (x1 - x0);
    }
  }
  return 0;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
