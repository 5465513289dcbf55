import { deskSensorId, doorCounterId, type Site } from '../protocol/index.ts';
import { siteDevices } from './sim-devices.ts';

/**
 * Enough copies of the sites to make at least `devices` devices, for load tests: copy n of site `demo` is
 * site `demo-n` whose devices are the original ones with `-n` (`ds-a-01-2`; the originals stay), so every
 * device id stays unique across the whole run. Ingest and the API store and show only the sites they are
 * given: hand them the same list.
 * @example scaleSites([demo], 10_000).length // 239 sites of 42 devices: 10,038 devices
 */
export function scaleSites(sites: readonly Site[], devices: number | undefined): Site[] {
  const base = sites.reduce((n, site) => n + siteDevices(site).length, 0);
  if (devices === undefined || devices <= base || base === 0) return [...sites];
  const copies = Math.ceil(devices / base);
  const out: Site[] = [...sites];
  for (let n = 2; n <= copies; n++) for (const site of sites) out.push(copyOf(site, n));
  return out;
}

function copyOf(site: Site, n: number): Site {
  // Suffixed, then cut to the id limit from the front, so the copy number always survives.
  const id = (device: string) => `${device}-${n}`.slice(-64).replace(/^-+/, '');
  return {
    ...site,
    id: `${site.id}-${n}`.slice(0, 64),
    name: `${site.name} (copy ${n})`,
    floors: site.floors.map((floor) => ({
      ...floor,
      zones: floor.zones.map((zone) => ({
        ...zone,
        desks: zone.desks.map((desk) => ({ ...desk, sensor: id(deskSensorId(desk)) })),
      })),
      doors: floor.doors.map((door) => ({ ...door, counter: id(doorCounterId(door)) })),
    })),
  };
}
