import { createHash } from 'node:crypto';
import { encodePoint } from './line-protocol.ts';
import type { DeadLetterRecord, DeskStateRecord, DeviceStatusRecord, DoorCountRecord } from './records.ts';

// Door counts, device statuses and dead letters as InfluxDB lines, and every event read back from
// InfluxDB's rows (the schema: store/influx-store.ts). Desk states write their own bytes
// (store/desk-state-line.ts).

export const DOOR_COUNT = 'door_count';
export const DEVICE_STATUS = 'device_status';
export const DEAD_LETTER = 'dead_letter';

const int = (value: number | null) => (value === null ? null : { int: value });
const bit = (value: boolean) => ({ int: value ? 1 : 0 });

export function doorCountLine(r: DoorCountRecord): string {
  return encodePoint({
    measurement: DOOR_COUNT,
    tags: { site: r.site, floor: r.floor, door: r.door },
    fields: { in: { int: r.in }, out: { int: r.out }, seq: int(r.seq) },
    time: String(r.ts),
  });
}

export function deviceStatusLine(r: DeviceStatusRecord): string {
  return encodePoint({
    measurement: DEVICE_STATUS,
    tags: { site: r.site, device: r.device },
    fields: {
      online: bit(r.online),
      battery: r.battery === null ? null : { float: r.battery },
      rssi: int(r.rssi),
      fw: r.fw === null ? null : { string: r.fw },
    },
    time: String(r.ts),
  });
}

export function deadLetterLine(r: DeadLetterRecord): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([r.topic, r.reason, r.payload]))
    .digest();
  const nudge = BigInt(digest.readUIntBE(0, 6) % 1_000_000);
  return encodePoint({
    measurement: DEAD_LETTER,
    tags: {},
    fields: { topic: { string: r.topic }, reason: { string: r.reason }, payload: { string: r.payload } },
    time: (BigInt(r.ts) * 1_000_000n + nudge).toString(),
  });
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? value : null);

export function toDeskState(site: string, row: Record<string, unknown>): DeskStateRecord {
  return {
    site,
    desk: str(row.desk),
    floor: str(row.floor),
    zone: str(row.zone),
    ts: Number(row.time),
    occupied: row.occupied === 1,
    seq: num(row.seq),
  };
}

export function toDoorCount(site: string, row: Record<string, unknown>): DoorCountRecord {
  return {
    site,
    door: str(row.door),
    floor: str(row.floor),
    ts: Number(row.time),
    in: num(row.in) ?? 0,
    out: num(row.out) ?? 0,
    seq: num(row.seq),
  };
}

export function toDeviceStatus(site: string, row: Record<string, unknown>): DeviceStatusRecord {
  return {
    site,
    device: str(row.device),
    ts: Number(row.time),
    online: row.online === 1,
    battery: num(row.battery),
    rssi: num(row.rssi),
    fw: typeof row.fw === 'string' ? row.fw : null,
  };
}

export function toDeadLetter(row: Record<string, unknown>): DeadLetterRecord {
  return { ts: Number(row.time), topic: str(row.topic), reason: str(row.reason), payload: str(row.payload) };
}
