import { z } from 'zod';
import type { SeriesName, SeriesRecord } from './derived-series.ts';

// What the store keeps. Keys (site + desk/door/device + ts) make every write idempotent:
// writing the same record twice leaves one record, on SQLite and on InfluxDB alike.

export const deskStateRecordSchema = z.object({
  site: z.string(),
  desk: z.string(),
  /** Where the desk was when this was recorded; tags for grouping, not part of the key. */
  floor: z.string(),
  zone: z.string(),
  ts: z.number().int(),
  occupied: z.boolean(),
  seq: z.number().int().nullable(),
});

export const doorCountRecordSchema = z.object({
  site: z.string(),
  door: z.string(),
  floor: z.string(),
  ts: z.number().int(),
  in: z.number().int().nonnegative(),
  out: z.number().int().nonnegative(),
  seq: z.number().int().nullable(),
});

export const deviceStatusRecordSchema = z.object({
  site: z.string(),
  device: z.string(),
  ts: z.number().int(),
  online: z.boolean(),
  battery: z.number().nullable(),
  rssi: z.number().int().nullable(),
  fw: z.string().nullable(),
});

/** A message that failed validation, kept with its reason so nothing is silently dropped. */
export const deadLetterRecordSchema = z.object({
  ts: z.number().int(),
  topic: z.string(),
  reason: z.string(),
  payload: z.string(),
});

export type DeskStateRecord = z.infer<typeof deskStateRecordSchema>;
export type DoorCountRecord = z.infer<typeof doorCountRecordSchema>;
export type DeviceStatusRecord = z.infer<typeof deviceStatusRecordSchema>;
export type DeadLetterRecord = z.infer<typeof deadLetterRecordSchema>;

/** The derived series of a write: any of them, each a list of its records. */
export type DerivedBatch = { [K in SeriesName]?: readonly SeriesRecord[K][] };

/** One write of any mix of records; a store writes it in as few round trips as it can. */
export type WriteBatch = DerivedBatch & {
  deskStates?: readonly DeskStateRecord[];
  doorCounts?: readonly DoorCountRecord[];
  deviceStatuses?: readonly DeviceStatusRecord[];
  deadLetters?: readonly DeadLetterRecord[];
};

/** A time range [from, to) in epoch ms. */
export type TimeRange = { from: number; to: number };
