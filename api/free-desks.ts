import { atLocalMinutes, createLocalTime, type LiveSite, type Site } from '../protocol/index.ts';
import { type DeskWeekProfile, slotOf } from './history/week-profile.ts';
import type { FreeDesks } from './schemas/free-desks.ts';

/** Less known time than this in a weekday-hour over the weeks is no evidence either way. */
const MIN_KNOWN_MS = 3_600_000;
const BUSY_SHARE = 0.5;

/**
 * Free desks by zone, how long each has been free, and until when it usually stays free
 * (definition in docs/api.md and on `usuallyFreeUntil`).
 * @example findFreeDesks(site, state.view('demo', now), await profiles.get('demo'), now)
 */
export function findFreeDesks(site: Site, live: LiveSite, profile: DeskWeekProfile, now: number): FreeDesks {
  const states = new Map(live.desks.map((d) => [d.id, d]));
  const until = usuallyFreeUntil(site, profile, now);
  const zones = site.floors.flatMap((floor) =>
    floor.zones.map((zone) => {
      const desks = zone.desks
        .filter((desk) => states.get(desk.id)?.state === 'free')
        .map((desk) => {
          const since = states.get(desk.id)?.since ?? null;
          return {
            id: desk.id,
            label: desk.label,
            freeSince: since,
            freeForMs: since === null ? null : Math.max(0, now - since),
            usuallyFreeUntil: until(desk.id),
          };
        });
      return { id: zone.id, name: zone.name, floor: floor.id, kind: zone.kind, free: desks.length, desks };
    }),
  );
  return { site: site.id, at: now, free: zones.reduce((sum, z) => sum + z.free, 0), zones };
}

function usuallyFreeUntil(site: Site, profile: DeskWeekProfile, now: number) {
  const local = createLocalTime(site.timezone);
  const time = local(now);
  const open = (site.openingHours[time.weekday] ?? []).find(
    (i) => toMinutes(i.open) <= time.minutes && time.minutes < toMinutes(i.close),
  );
  return (desk: string): number | null => {
    const history = profile.get(desk);
    if (!open || !history) return null;
    const close = toMinutes(open.close);
    for (let hour = Math.floor(time.minutes / 60) + 1; hour * 60 < close; hour++) {
      const slot = slotOf(time.weekday, hour);
      const known = history.knownMs[slot] ?? 0;
      if (known >= MIN_KNOWN_MS && (history.occupiedMs[slot] ?? 0) / known >= BUSY_SHARE) {
        return atLocalMinutes(local, now, hour * 60);
      }
    }
    return atLocalMinutes(local, now, close);
  };
}

function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
