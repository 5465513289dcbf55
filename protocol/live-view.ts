import { z } from 'zod';

// The HTTP shape of live occupancy, shared by the API that serves it and the dashboard that draws it.

/**
 * occupied / free: the desk's last report, from a sensor heard within the offline window.
 * away: reported empty after being occupied, for less than the away grace (15 min by default): still held.
 * offline: its sensor has been silent longer than the offline window; unknown, never shown as free.
 * unknown: nothing heard from it since the API started and nothing retained on the broker.
 */
export const deskStateNameSchema = z.enum(['occupied', 'away', 'free', 'offline', 'unknown']);
export type DeskStateName = z.infer<typeof deskStateNameSchema>;

export const liveDeskSchema = z.object({
  id: z.string(),
  zone: z.string(),
  floor: z.string(),
  state: deskStateNameSchema,
  /** When the desk entered its current occupied/free state (epoch ms), if known. */
  since: z.number().nullable(),
  /** When its sensor was last heard (epoch ms), if ever. */
  lastSeen: z.number().nullable(),
});

export const countsSchema = z.object({
  desks: z.number().int(),
  occupied: z.number().int(),
  away: z.number().int(),
  free: z.number().int(),
  offline: z.number().int(),
  unknown: z.number().int(),
  capacity: z.number().int(),
});

export const liveZoneSchema = countsSchema.extend({ id: z.string(), floor: z.string() });
export const liveFloorSchema = countsSchema.extend({ id: z.string() });

export const headcountSchema = z.object({
  /** People inside now: in − out since the daily reset, never below zero. */
  count: z.number().int().nonnegative(),
  in: z.number().int().nonnegative(),
  out: z.number().int().nonnegative(),
  /** The daily reset this count starts from (epoch ms). */
  since: z.number(),
  /** A manager's count today, if any: `count` then follows in − out of reports stamped from `at` on. */
  calibration: z.object({ at: z.number(), count: z.number().int().nonnegative() }).nullable(),
});

/** Something a manager should look at; `id` is stable across webhook retries so receivers drop duplicates. */
export const alertSchema = z.object({
  id: z.string(),
  site: z.string(),
  type: z.enum(['over-capacity', 'sensor-offline', 'battery-low', 'door-drift', 'inside-after-closing']),
  at: z.number(),
  message: z.string(),
  /** What it is about: a zone, a desk, a device, a door, or the site itself. */
  subject: z.object({ kind: z.enum(['site', 'zone', 'desk', 'device']), id: z.string() }),
  value: z.number(),
  threshold: z.number(),
});

export const liveSiteSchema = z.object({
  site: z.string(),
  at: z.number(),
  desks: z.array(liveDeskSchema),
  zones: z.array(liveZoneSchema),
  floors: z.array(liveFloorSchema),
  totals: countsSchema,
  headcount: headcountSchema,
});

/** One change on the live stream; the SSE event name is `kind`, its data the rest. */
export const liveEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('desk'), site: z.string(), desk: liveDeskSchema }),
  z.object({ kind: z.literal('headcount'), site: z.string(), headcount: headcountSchema }),
  z.object({ kind: z.literal('alert'), site: z.string(), alert: alertSchema }),
]);

export type LiveDesk = z.infer<typeof liveDeskSchema>;
export type LiveZone = z.infer<typeof liveZoneSchema>;
export type LiveFloor = z.infer<typeof liveFloorSchema>;
export type Counts = z.infer<typeof countsSchema>;
export type Headcount = z.infer<typeof headcountSchema>;
export type LiveSite = z.infer<typeof liveSiteSchema>;
export type LiveEvent = z.infer<typeof liveEventSchema>;
export type Alert = z.infer<typeof alertSchema>;
