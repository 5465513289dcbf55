// Sites for this folder's tests: the demo site, and cut-down copies for tests that do not need its size.
import { DEMO_SITE_FILE, loadSites, type Site } from '../protocol/index.ts';

export async function demoSite(): Promise<Site> {
  const [demo] = await loadSites([DEMO_SITE_FILE]);
  if (!demo) throw new Error('demo site missing');
  return demo;
}

/** A site cut down to its first `desks` desks and no doors or the first door: small, fast tests. */
export function smallSite(site: Site, desks: number, doors = 0): Site {
  let left = desks;
  return {
    ...site,
    floors: site.floors.map((floor, f) => ({
      ...floor,
      zones: floor.zones.map((zone) => {
        const kept = zone.desks.slice(0, Math.max(0, left));
        left -= kept.length;
        return { ...zone, desks: kept };
      }),
      doors: f === 0 ? floor.doors.slice(0, doors) : [],
    })),
  };
}
