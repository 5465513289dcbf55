import type { Site } from '../protocol/index.ts';
import {
  createDeviceState,
  type DeviceState,
  deskStateMessage,
  doorCountMessage,
  hello,
  type Outbound,
} from './device-state.ts';
import type { OccupancyEvent, OccupancyModel } from './occupancy-model.ts';
import { mulberry32 } from './prng.ts';
import { type SimDevice, siteDevices } from './sim-devices.ts';

export type { Outbound } from './device-state.ts';

export type SiteFeedOptions = {
  site: Site;
  model: OccupancyModel;
  /** Seeds the telemetry (battery, signal, heartbeat phases), apart from the occupancy stream. */
  seed: number;
  start: number;
  heartbeatMs: number;
  doorReportMs: number;
};

export type SiteFeed = {
  devices: SimDevice[];
  /** What every device says once connected: its status and, for a desk sensor, the desk's state. */
  initial(): Outbound[];
  /** The messages of all devices up to `to` (simulated epoch ms), oldest first. */
  advance(to: number): Outbound[];
  /** What one device says again after a reconnect, since its will may have marked it offline. */
  announce(deviceId: string, at: number): Outbound[];
  totals(): { deskChanges: number; doorIn: number; doorOut: number };
};

type Due = { at: number; device: DeviceState; what: 'heartbeat' | 'report' };
type Moment = { at: number; event?: OccupancyEvent; due?: Due };

// After a long stall (a laptop asleep) a device sends a bounded number of late messages, not every one it
// missed; the sim's options keep a normal tick well under this (see sim-options.ts).
export const MAX_CATCH_UP_PERIODS = 100;

/**
 * Turns a site's occupancy model into what its devices publish: desk states on change and on heartbeat,
 * door counts on their interval (zeros included), statuses on heartbeat. Pure: no MQTT, no timers.
 * @example const feed = createSiteFeed({ site, model, seed: 1, start, heartbeatMs: 300_000, doorReportMs: 60_000 });
 */
export function createSiteFeed(options: SiteFeedOptions): SiteFeed {
  const { site, model, start, heartbeatMs, doorReportMs } = options;
  const random = mulberry32(options.seed);
  const occupancy = model.occupancy();
  const devices = siteDevices(site);
  const states = devices.map((d) =>
    createDeviceState(d, random, { start, heartbeatMs, doorReportMs }, occupancy.get(d.target) === true),
  );
  const byId = new Map(states.map((s) => [s.id, s]));
  const byTarget = new Map(states.map((s) => [`${s.kind}:${s.target}`, s]));
  const totals = { deskChanges: 0, doorIn: 0, doorOut: 0 };

  const play = (moment: Moment): Outbound[] => {
    const { event, due } = moment;
    if (due) {
      if (due.what === 'report') return [doorCountMessage(due.device, due.at)];
      // A heartbeat repeats a desk sensor's state with its status, so a lost change heals within one period.
      return hello(due.device, random, due.at);
    }
    if (event?.kind === 'desk') {
      const d = byTarget.get(`desk:${event.desk}`);
      if (!d) return [];
      totals.deskChanges++;
      d.occupied = event.occupied;
      return [deskStateMessage(d, event.at)];
    }
    const d = event && byTarget.get(`door:${event.door}`);
    if (!d || event?.kind !== 'door') return [];
    if (event.direction === 'in') {
      d.in++;
      totals.doorIn++;
    } else {
      d.out++;
      totals.doorOut++;
    }
    return [];
  };

  return {
    devices,
    initial: () => states.flatMap((d) => hello(d, random, start)),
    advance(to) {
      const timeline: Moment[] = [
        ...model.advance(to).map((event) => ({ at: event.at, event })),
        ...dueBy(states, to, heartbeatMs, doorReportMs).map((due) => ({ at: due.at, due })),
      ];
      // Occupancy first on a tie, so a door report includes the people who crossed at its very instant.
      timeline.sort((a, b) => a.at - b.at || (a.event ? 0 : 1) - (b.event ? 0 : 1));
      return timeline.flatMap(play);
    },
    announce(deviceId, at) {
      const d = byId.get(deviceId);
      return d ? hello(d, random, at) : [];
    },
    totals: () => ({ ...totals }),
  };
}

function dueBy(states: DeviceState[], to: number, heartbeatMs: number, doorReportMs: number): Due[] {
  const due: Due[] = [];
  for (const d of states) {
    d.nextHeartbeat = catchUp(d.nextHeartbeat, to, heartbeatMs);
    for (; d.nextHeartbeat <= to; d.nextHeartbeat += heartbeatMs) {
      due.push({ at: d.nextHeartbeat, device: d, what: 'heartbeat' });
    }
    d.nextReport = catchUp(d.nextReport, to, doorReportMs);
    for (; d.nextReport <= to; d.nextReport += doorReportMs) {
      due.push({ at: d.nextReport, device: d, what: 'report' });
    }
  }
  return due;
}

function catchUp(next: number, to: number, period: number): number {
  const behind = Math.floor((to - next) / period);
  return behind > MAX_CATCH_UP_PERIODS ? next + (behind - MAX_CATCH_UP_PERIODS) * period : next;
}
