import type { Site } from '../protocol/index.ts';
import {
  createDeviceState,
  type DeviceState,
  deskStateMessage,
  doorCountMessage,
  hello,
  type Outbound,
  statusMessage,
} from './device-state.ts';
import { type Faults, NO_FAULTS } from './fault-options.ts';
import type { OccupancyEvent, OccupancyModel } from './occupancy-model.ts';
import { between, chance, deriveSeed, mulberry32, type Random } from './prng.ts';
import { type SimDevice, siteDevices } from './sim-devices.ts';

export type { Outbound } from './device-state.ts';

export type SiteFeedOptions = {
  site: Site;
  model: OccupancyModel;
  /** Seeds the telemetry (battery, signal, heartbeat phases), apart from the occupancy stream. */
  seed: number;
  start: number;
  /** Infinity turns heartbeats off (backfill sends changes only). */
  heartbeatMs: number;
  doorReportMs: number;
  /** Sensor faults (skew, flap, missCrossings) act here; the network's act later (network-faults.ts). */
  faults?: Faults;
};

export type FeedTotals = {
  deskChanges: number;
  /** Crossings the counters counted (and so reported). */
  doorIn: number;
  doorOut: number;
  /** Crossings the counters missed (the missCrossings fault). */
  missedCrossings: number;
  /** Spurious desk reports from bouncing sensors (the flap fault). */
  bounces: number;
};

export type SiteFeed = {
  devices: SimDevice[];
  /** What every device says once connected: its status and, for a desk sensor, the desk's state. */
  initial(): Outbound[];
  /** The messages of all devices up to `to` (simulated epoch ms), oldest first. */
  advance(to: number): Outbound[];
  /** What one device says again after a reconnect, since its will may have marked it offline. */
  announce(deviceId: string, at: number): Outbound[];
  /** One extra message from a device, for load tests: a desk sensor's state, a counter's status. */
  repeat(deviceId: string, at: number): Outbound[];
  /** Devices the skew and flap faults picked, by id. */
  faulty(): { skewed: Map<string, number>; flaky: string[] };
  totals(): FeedTotals;
};

type Due = { at: number; device: DeviceState; what: 'heartbeat' | 'report' };
type Bounce = { at: number; device: DeviceState; occupied: boolean };
type Moment = { at: number; event?: OccupancyEvent; due?: Due; bounce?: Bounce };

// After a long stall (a laptop asleep) a device sends a bounded number of late messages, not every one it
// missed; the sim's options keep a normal tick well under this (see sim-options.ts).
export const MAX_CATCH_UP_PERIODS = 100;
// A bouncing sensor flips 1–3 times, each flip and flip back within seconds of the real change.
const BOUNCE_PAIRS = [1, 3] as const;
const BOUNCE_GAP_MS = [800, 4000] as const;

/**
 * Turns a site's occupancy model into what its devices publish: desk states on change and on heartbeat,
 * door counts on their interval (zeros included), statuses on heartbeat. Pure: no MQTT, no timers.
 * @example const feed = createSiteFeed({ site, model, seed: 1, start, heartbeatMs: 300_000, doorReportMs: 60_000 });
 */
export function createSiteFeed(options: SiteFeedOptions): SiteFeed {
  const { site, model, start, heartbeatMs, doorReportMs } = options;
  const faults = options.faults ?? NO_FAULTS;
  const random = mulberry32(options.seed);
  // Faults draw from their own stream, so switching one on leaves the rest of the run as it was.
  const faultRandom = mulberry32(deriveSeed(options.seed, 'sensor-faults'));
  const occupancy = model.occupancy();
  const devices = siteDevices(site);
  const states = devices.map((d) =>
    createDeviceState(d, random, { start, heartbeatMs, doorReportMs }, occupancy.get(d.target) === true),
  );
  for (const d of states) pickFaults(d, faults, faultRandom);
  const byId = new Map(states.map((s) => [s.id, s]));
  const byTarget = new Map(states.map((s) => [`${s.kind}:${s.target}`, s]));
  const totals: FeedTotals = { deskChanges: 0, doorIn: 0, doorOut: 0, missedCrossings: 0, bounces: 0 };
  let bounces: Bounce[] = [];

  const deskChange = (event: OccupancyEvent & { kind: 'desk' }): Outbound[] => {
    const d = byTarget.get(`desk:${event.desk}`);
    if (!d) return [];
    totals.deskChanges++;
    d.occupied = event.occupied;
    // A new real change ends the previous bounce, so the sensor always settles on the truth.
    bounces = bounces.filter((b) => b.device !== d);
    if (d.flaky) bounces.push(...bounceAfter(d, event.at, faultRandom));
    return [deskStateMessage(d, event.at)];
  };

  const crossing = (event: OccupancyEvent & { kind: 'door' }): void => {
    const d = byTarget.get(`door:${event.door}`);
    if (!d) return;
    if (faults.missCrossings > 0 && chance(faultRandom, faults.missCrossings)) {
      totals.missedCrossings++;
      return;
    }
    if (event.direction === 'in') {
      d.in++;
      totals.doorIn++;
    } else {
      d.out++;
      totals.doorOut++;
    }
  };

  const play = ({ event, due, bounce }: Moment): Outbound[] => {
    if (bounce) {
      totals.bounces++;
      return [deskStateMessage(bounce.device, bounce.at, bounce.occupied)];
    }
    if (due) {
      if (due.what === 'report') return [doorCountMessage(due.device, due.at)];
      // A heartbeat repeats a desk sensor's state with its status, so a lost change heals within one period.
      return hello(due.device, random, due.at);
    }
    if (event?.kind === 'desk') return deskChange(event);
    if (event?.kind === 'door') crossing(event);
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
      const out: Outbound[] = [];
      // Bounces come from changes played here, seconds after them: merge them in as they fall due.
      const playBouncesBy = (t: number) => {
        for (;;) {
          const next = earliest(bounces, Math.min(t, to));
          if (!next) return;
          bounces.splice(bounces.indexOf(next), 1);
          out.push(...play({ at: next.at, bounce: next }));
        }
      };
      for (const moment of timeline) {
        playBouncesBy(moment.at - 1);
        out.push(...play(moment));
      }
      playBouncesBy(to);
      return out;
    },
    announce(deviceId, at) {
      const d = byId.get(deviceId);
      return d ? hello(d, random, at) : [];
    },
    repeat(deviceId, at) {
      const d = byId.get(deviceId);
      if (!d) return [];
      return [d.kind === 'desk' ? deskStateMessage(d, at) : statusMessage(d, random, at)];
    },
    faulty: () => ({
      skewed: new Map(states.filter((d) => d.skewMs !== 0).map((d) => [d.id, d.skewMs])),
      flaky: states.filter((d) => d.flaky).map((d) => d.id),
    }),
    totals: () => ({ ...totals }),
  };
}

function pickFaults(d: DeviceState, faults: Faults, random: Random): void {
  if (faults.skew > 0 && chance(random, faults.skew)) {
    const sign = random() < 0.5 ? -1 : 1;
    d.skewMs = Math.round(sign * between(random, faults.skewMs / 2, faults.skewMs));
  }
  if (d.kind === 'desk' && faults.flap > 0 && chance(random, faults.flap)) d.flaky = true;
}

/** The flips of a bouncing sensor after a real change at `at`: wrong, right, wrong, right… */
function bounceAfter(d: DeviceState, at: number, random: Random): Bounce[] {
  const pairs = Math.round(between(random, BOUNCE_PAIRS[0], BOUNCE_PAIRS[1]));
  const out: Bounce[] = [];
  let t = at;
  for (let i = 0; i < pairs; i++) {
    t += Math.round(between(random, BOUNCE_GAP_MS[0], BOUNCE_GAP_MS[1]));
    out.push({ at: t, device: d, occupied: !d.occupied });
    t += Math.round(between(random, BOUNCE_GAP_MS[0], BOUNCE_GAP_MS[1]));
    out.push({ at: t, device: d, occupied: d.occupied });
  }
  return out;
}

function earliest(bounces: readonly Bounce[], by: number): Bounce | undefined {
  let first: Bounce | undefined;
  for (const b of bounces) if (b.at <= by && (!first || b.at < first.at)) first = b;
  return first;
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
  if (!Number.isFinite(next)) return next;
  const behind = Math.floor((to - next) / period);
  return behind > MAX_CATCH_UP_PERIODS ? next + (behind - MAX_CATCH_UP_PERIODS) * period : next;
}
