import {
  type Counts,
  deskSensorId,
  indexSite,
  type LiveDesk,
  type LiveEvent,
  type LiveSite,
  type Message,
  type Site,
  type SiteIndex,
} from '../protocol/index.ts';
import {
  applyDeskReport,
  applySensorStatus,
  type DeskMemory,
  type DeskTimings,
  deskStateName,
  newDeskMemory,
} from './desk-view.ts';
import { type Calibration, createHeadcount, type HeadcountState } from './headcount.ts';

export type LiveStateOptions = { sites: readonly Site[]; offlineAfterMs: number; awayGraceMs?: number };

type SiteLive = {
  index: SiteIndex;
  desks: Map<string, DeskMemory>;
  /** What each desk last looked like on the stream, so only real changes are sent. */
  shown: Map<string, string>;
  sensors: Map<string, string>;
  headcount: HeadcountState;
};

/**
 * Live occupancy of every site, built from MQTT messages (retained ones first) rather than from the
 * store, so it is current to the message. Returns the changes each input causes, for the stream.
 */
export function createLiveState(options: LiveStateOptions) {
  const timings: DeskTimings = {
    offlineAfterMs: options.offlineAfterMs,
    awayGraceMs: options.awayGraceMs ?? 15 * 60_000,
  };
  const sites = new Map<string, SiteLive>();
  const load = (site: Site, before?: SiteLive) => {
    const index = indexSite(site);
    const sensors = new Map<string, string>();
    for (const [id, place] of index.desks) sensors.set(deskSensorId(place.desk), id);
    // A desk kept by an edited site keeps what we know of it; a new desk starts unknown.
    const memory = (id: string) => before?.desks.get(id) ?? newDeskMemory();
    sites.set(site.id, {
      index,
      desks: new Map([...index.desks.keys()].map((id) => [id, memory(id)])),
      shown: new Map([...index.desks.keys()].map((id) => [id, before?.shown.get(id) ?? 'unknown@null'])),
      sensors,
      headcount:
        before &&
        before.index.site.timezone === site.timezone &&
        before.index.site.dailyReset === site.dailyReset
          ? before.headcount
          : createHeadcount(site.timezone, site.dailyReset),
    });
  };
  for (const site of options.sites) load(site);

  const liveDesk = (live: SiteLive, id: string, now: number): LiveDesk => {
    const memory = live.desks.get(id) ?? newDeskMemory();
    const place = live.index.desks.get(id);
    return {
      id,
      zone: place?.zone.id ?? '',
      floor: place?.floor.id ?? '',
      state: deskStateName(memory, now, timings),
      since: memory.since ?? null,
      lastSeen: memory.lastSeen ?? null,
    };
  };

  const deskChange = (live: SiteLive, id: string, now: number): LiveEvent[] => {
    const desk = liveDesk(live, id, now);
    const key = `${desk.state}@${desk.since}`;
    if (live.shown.get(id) === key) return [];
    live.shown.set(id, key);
    return [{ kind: 'desk', site: live.index.site.id, desk }];
  };

  return {
    siteIds: () => [...sites.keys()],
    has: (site: string) => sites.has(site),
    site: (site: string): Site | undefined => sites.get(site)?.index.site,
    /** Adds a site or replaces its model (an edit through the API); desks it keeps keep their state. */
    putSite(site: Site): void {
      load(site, sites.get(site.id));
    },

    /** Applies one valid message heard at `heardAt`; returns the changes it made visible. */
    apply(message: Message, heardAt: number): LiveEvent[] {
      const live = sites.get(message.site);
      if (!live) return [];
      const ts = message.payload.ts ?? heardAt;
      switch (message.kind) {
        case 'desk-state': {
          const memory = live.desks.get(message.desk);
          if (!memory) return [];
          applyDeskReport(memory, message.payload.occupied, ts, heardAt);
          return deskChange(live, message.desk, heardAt);
        }
        case 'device-status': {
          const desk = live.sensors.get(message.device);
          const memory = desk === undefined ? undefined : live.desks.get(desk);
          if (!desk || !memory) return [];
          applySensorStatus(memory, message.payload.online, ts, heardAt);
          return deskChange(live, desk, heardAt);
        }
        case 'door-count': {
          if (!live.index.doors.has(message.door)) return [];
          const { in: inCount, out } = message.payload;
          if (!live.headcount.add(message.door, message.payload.ts, inCount, out, heardAt)) return [];
          return [{ kind: 'headcount', site: message.site, headcount: live.headcount.view() }];
        }
      }
    },

    /** Time alone changes things: sensors fall silent, the day resets. Call this every few seconds. */
    sweep(now: number): LiveEvent[] {
      const events: LiveEvent[] = [];
      for (const live of sites.values()) {
        for (const id of live.desks.keys()) events.push(...deskChange(live, id, now));
        if (live.headcount.rollOver(now)) {
          events.push({ kind: 'headcount', site: live.index.site.id, headcount: live.headcount.view() });
        }
      }
      return events;
    },

    /** Door reports already stored today, so a restarted API does not forget who came in. */
    seedHeadcount(
      site: string,
      reports: Array<{ door: string; ts: number; in: number; out: number }>,
      now: number,
    ) {
      const live = sites.get(site);
      for (const r of reports) live?.headcount.add(r.door, r.ts, r.in, r.out, now);
    },

    /** A manager's count; the headcount event it causes, or undefined when `at` is not today. */
    calibrate(site: string, calibration: Calibration, now: number): LiveEvent | undefined {
      const live = sites.get(site);
      if (!live?.headcount.calibrate(calibration, now)) return undefined;
      return { kind: 'headcount', site, headcount: live.headcount.view() };
    },

    headcountSince(site: string, now: number): number | undefined {
      const live = sites.get(site);
      live?.headcount.rollOver(now);
      return live?.headcount.view().since;
    },

    view(site: string, now: number): LiveSite | undefined {
      const live = sites.get(site);
      if (!live) return undefined;
      live.headcount.rollOver(now);
      const desks = [...live.desks.keys()].map((id) => liveDesk(live, id, now));
      const { site: model } = live.index;
      const zones = model.floors.flatMap((floor) =>
        floor.zones.map((zone) => ({
          id: zone.id,
          floor: floor.id,
          ...countDesks(
            desks.filter((d) => d.zone === zone.id),
            zone.capacity,
          ),
        })),
      );
      const floors = model.floors.map((floor) => {
        const capacity = floor.zones.reduce((sum, z) => sum + z.capacity, 0);
        return {
          id: floor.id,
          ...countDesks(
            desks.filter((d) => d.floor === floor.id),
            capacity,
          ),
        };
      });
      return {
        site: model.id,
        at: now,
        desks,
        zones,
        floors,
        totals: countDesks(desks, model.capacity),
        headcount: live.headcount.view(),
      };
    },
  };
}

export type LiveState = ReturnType<typeof createLiveState>;

function countDesks(desks: readonly LiveDesk[], capacity: number): Counts {
  const counts: Counts = {
    desks: desks.length,
    occupied: 0,
    away: 0,
    free: 0,
    offline: 0,
    unknown: 0,
    capacity,
  };
  for (const desk of desks) counts[desk.state] += 1;
  return counts;
}
