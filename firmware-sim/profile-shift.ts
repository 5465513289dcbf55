import type { Site } from '../protocol/index.ts';
import { atLocalMinutes, createLocalTime } from '../protocol/index.ts';
import { openInterval, toMinutes } from './day-profile.ts';

const DAY_MS = 86_400_000;
const DEMO_START_MIN = 10 * 60;

export type ProfileShift = 'none' | 'auto';

/**
 * How far ahead of the clock the day profile is read, in ms.
 *
 * Why 'auto' exists: the one-command demo is often run in the evening or on a Sunday, when a real space is
 * empty, and an empty map demonstrates nothing. So when the site is closed at `now`, the occupancy plays the
 * next working day from 10:00 local (the open day with the longest hours, so not a short Saturday), while
 * every message keeps its real timestamp. When the site is open at `now`, or never opens at 10:00, or the
 * mode is 'none', the shift is 0 and the sim follows the clock.
 */
export function profileShiftMs(site: Site, now: number, mode: ProfileShift): number {
  if (mode === 'none') return 0;
  const localTime = createLocalTime(site.timezone);
  if (openInterval(site.openingHours, localTime(now))) return 0;
  let best: { at: number; hours: number } | undefined;
  for (let day = 0; day <= 7; day++) {
    const at = atLocalMinutes(localTime, now + day * DAY_MS, DEMO_START_MIN);
    const local = localTime(at);
    if (at <= now || !openInterval(site.openingHours, local)) continue;
    const hours = (site.openingHours[local.weekday] ?? []).reduce(
      (sum, i) => sum + toMinutes(i.close) - toMinutes(i.open),
      0,
    );
    if (!best || hours > best.hours) best = { at, hours };
  }
  return best ? best.at - now : 0;
}
