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

/** A quarter hour of a zone, summed from its minutes: what reports read, 15× fewer rows than minutes. */
const quarterFields = {
  /** Minutes of the quarter in which at least one desk's state was known. */
  minutes: z.number().int().nonnegative(),
  /** Σ occupiedAvg over those minutes: occupied desk-minutes. */
  occupiedSum: z.number().nonnegative(),
  /** Σ knownAvg over those minutes: desk-minutes with a known state. */
  knownSum: z.number().nonnegative(),
  /** Minutes in which at least one desk was occupied at some instant. */
  usedMinutes: z.number().int().nonnegative(),
  occupiedMax: z.number().int().nonnegative(),
  /** Start of the first minute that reached occupiedMax; null when nothing was known. */
  occupiedMaxAt: z.number().int().nullable(),
};

export const zoneQuarterRecordSchema = z.object({
  site: z.string(),
  floor: z.string(),
  zone: z.string(),
  ts: z.number().int(),
  ...quarterFields,
});

/** A floor's quarter hour, computed from its desks directly, so its peak is exact. */
export const floorQuarterRecordSchema = zoneQuarterRecordSchema.omit({ zone: true });

export const siteQuarterRecordSchema = z.object({
  site: z.string(),
  ts: z.number().int(),
  ...quarterFields,
  /** Σ headcount over the quarter's minutes, and how many minutes that is (0 without doors). */
  headcountSum: z.number().int().nonnegative(),
  headcountMinutes: z.number().int().nonnegative(),
  headcountMax: z.number().int().nonnegative().nullable(),
  headcountMaxAt: z.number().int().nullable(),
});

/**
 * A desk's local day, summed from its 15-minute buckets, both over the opening hours (as they were
 * when it was derived) and over the whole day: desk rankings over months read these, not buckets.
 */
export const deskDayRecordSchema = z.object({
  site: z.string(),
  floor: z.string(),
  zone: z.string(),
  desk: z.string(),
  /** Local midnight starting the day. */
  ts: z.number().int(),
  openOccupiedMs: z.number().int().nonnegative(),
  openKnownMs: z.number().int().nonnegative(),
  openArrivals: z.number().int().nonnegative(),
  occupiedMs: z.number().int().nonnegative(),
  knownMs: z.number().int().nonnegative(),
  arrivals: z.number().int().nonnegative(),
});

export type DeskUsageRecord = z.infer<typeof deskUsageRecordSchema>;
export type ZoneQuarterRecord = z.infer<typeof zoneQuarterRecordSchema>;
export type FloorQuarterRecord = z.infer<typeof floorQuarterRecordSchema>;
export type SiteQuarterRecord = z.infer<typeof siteQuarterRecordSchema>;
export type DeskDayRecord = z.infer<typeof deskDayRecordSchema>;
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
