import type { LiveDesk, LiveEvent, LiveSite, Site } from '../protocol/index.ts';
import { allows, type Role } from './access/roles.ts';

// What each role may see. Members (and planners) get states and counts, never a device id or when a
// sensor was last heard; managers get everything.

const memberDesk = (desk: LiveDesk): LiveDesk => ({ ...desk, lastSeen: null });

export function liveFor(role: Role, live: LiveSite): LiveSite {
  return allows(role, 'manager') ? live : { ...live, desks: live.desks.map(memberDesk) };
}

/** The stream event a role may see, or undefined: alerts name devices, so they are managers' only. */
export function eventFor(role: Role, event: LiveEvent): LiveEvent | undefined {
  if (allows(role, 'manager')) return event;
  if (event.kind === 'alert') return undefined;
  return event.kind === 'desk' ? { ...event, desk: memberDesk(event.desk) } : event;
}

export function siteFor(role: Role, site: Site): Site {
  if (allows(role, 'manager')) return site;
  return {
    ...site,
    floors: site.floors.map((floor) => ({
      ...floor,
      zones: floor.zones.map((zone) => ({
        ...zone,
        desks: zone.desks.map(({ sensor: _s, ...desk }) => desk),
      })),
      doors: floor.doors.map(({ counter: _c, ...door }) => door),
    })),
  };
}
