import { deskStateTopic, deviceStatusTopic, doorCountTopic } from '../protocol/index.ts';
import { between, type Random } from './prng.ts';
import type { SimDevice } from './sim-devices.ts';

/** One MQTT message a device sends; `at` is its `ts`, the simulated time it was sent. */
export type Outbound = { device: string; topic: string; payload: string; retain: boolean; at: number };

/** What a device's firmware keeps between messages: its seq, battery, radio, schedule and counters. */
export type DeviceState = SimDevice & {
  /** Lives in the device, not the connection, so it carries on across reconnects. */
  seq: number;
  start: number;
  battery: number;
  rssi: number;
  fw: string;
  nextHeartbeat: number;
  nextReport: number;
  occupied: boolean;
  in: number;
  out: number;
  /** How wrong the device's clock is (the clock-skew fault); every `ts` it sends is off by this much. */
  skewMs: number;
  /** A bouncing sensor (the flap fault) flips back and forth after each real change. */
  flaky: boolean;
};

const DAY_MS = 86_400_000;
const BATTERY_DRAIN_PER_DAY = 0.05;
const FIRMWARE = { desk: '1.4.2', door: '2.0.7' } as const;

export function createDeviceState(
  device: SimDevice,
  random: Random,
  timing: { start: number; heartbeatMs: number; doorReportMs: number },
  occupied: boolean,
): DeviceState {
  const { start, heartbeatMs, doorReportMs } = timing;
  return {
    ...device,
    seq: 0,
    start,
    battery: between(random, 35, 100),
    rssi: Math.round(between(random, -88, -52)),
    fw: FIRMWARE[device.kind],
    // Devices were switched on at different moments, so their heartbeats and reports do not all coincide.
    nextHeartbeat: start + Math.ceil(random() * heartbeatMs),
    nextReport:
      // The first report comes within seconds, so the people already inside at start are counted
      // before a dashboard shows a headcount of zero; later ones keep the counter's own interval.
      device.kind === 'door'
        ? start + Math.ceil(random() * Math.min(doorReportMs, 5000))
        : Number.POSITIVE_INFINITY,
    occupied: device.kind === 'desk' && occupied,
    in: 0,
    out: 0,
    skewMs: 0,
    flaky: false,
  };
}

/** The retained heartbeat: battery drains slowly, signal strength wobbles a few dB. */
export function statusMessage(d: DeviceState, random: Random, at: number): Outbound {
  const battery = Math.max(1, Math.round(d.battery - (BATTERY_DRAIN_PER_DAY * (at - d.start)) / DAY_MS));
  const rssi = Math.min(-30, Math.max(-120, Math.round(d.rssi + between(random, -3, 3))));
  const payload = { online: true, battery, rssi, fw: d.fw, ts: at + d.skewMs };
  return message(d, deviceStatusTopic(d.site, d.id), payload, true, at);
}

/** The desk's state, or what a bouncing sensor wrongly sees (`occupied`) for a moment. */
export function deskStateMessage(d: DeviceState, at: number, occupied = d.occupied): Outbound {
  const payload = { occupied, ts: at + d.skewMs, seq: d.seq++ };
  return message(d, deskStateTopic(d.site, d.target), payload, true, at);
}

/** People through the door since the previous report; the counters start again from zero. */
export function doorCountMessage(d: DeviceState, at: number): Outbound {
  const payload = { in: d.in, out: d.out, ts: at + d.skewMs, seq: d.seq++ };
  d.in = 0;
  d.out = 0;
  return message(d, doorCountTopic(d.site, d.target), payload, false, at);
}

/** What a device says when it (re)connects: its status, and a desk sensor's current state. */
export function hello(d: DeviceState, random: Random, at: number): Outbound[] {
  return d.kind === 'desk'
    ? [statusMessage(d, random, at), deskStateMessage(d, at)]
    : [statusMessage(d, random, at)];
}

function message(device: SimDevice, topic: string, payload: object, retain: boolean, at: number): Outbound {
  return { device: device.id, topic, payload: JSON.stringify(payload), retain, at };
}
