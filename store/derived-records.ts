import { z } from 'zod';

// Derived series: what ingest computes from desk and door events so reports are cheap and exact on
// both stores. Each is keyed by its place and its bucket start, so recomputing a bucket overwrites it.
// Definitions (docs/store.md): a desk's state is "known" from a report until the next report or until
// the offline window passes, whichever is first; "occupied" time is known time with occupied = true.

/** Length of a desk usage bucket: 15 minutes aligns with local hours in every time zone in use. */
export const DESK_BUCKET_MS = 15 * 60_000;
export const MINUTE_MS = 60_000;

export const deskUsageRecordSchema = z.object({
  site: z.string(),
  floor: z.string(),
  zone: z.string(),
  desk: z.string(),
  /** Bucket start, a multiple of DESK_BUCKET_MS since the epoch. */
  ts: z.number().int(),
  /** Milliseconds of the bucket the desk was known to be occupied. */
  occupiedMs: z.number().int().nonnegative(),
  /** Milliseconds of the bucket its state was known at all. */
  knownMs: z.number().int().nonnegative(),
  /** Times the desk went from free (or unknown) to occupied within the bucket. */
  arrivals: z.number().int().nonnegative(),
});

/** A zone's desks minute by minute. */
export const zoneMinuteRecordSchema = z.object({
  site: z.string(),
  floor: z.string(),
  zone: z.string(),
  /** Minute start, a multiple of 60,000 ms. */
  ts: z.number().int(),
  /** Time-weighted mean number of occupied desks over the minute. */
  occupiedAvg: z.number().nonnegative(),
  /** Most desks occupied at the same instant within the minute. */
  occupiedMax: z.number().int().nonnegative(),
  /** Time-weighted mean number of desks whose state was known. */
  knownAvg: z.number().nonnegative(),
});

/** The whole site minute by minute: desks as for a zone, plus the door headcount. */
export const siteMinuteRecordSchema = zoneMinuteRecordSchema.omit({ floor: true, zone: true }).extend({
  /** People inside at the end of the minute: in − out since the daily reset, never below zero. */
  headcount: z.number().int().nonnegative().nullable(),
});

export type DeskUsageRecord = z.infer<typeof deskUsageRecordSchema>;
export type ZoneMinuteRecord = z.infer<typeof zoneMinuteRecordSchema>;
export type SiteMinuteRecord = z.infer<typeof siteMinuteRecordSchema>;

/** A desk's usage summed over a range (and, if asked, only over some windows of it). */
export type DeskUsageTotal = {
  desk: string;
  floor: string;
  zone: string;
  occupiedMs: number;
  knownMs: number;
  arrivals: number;
};
