import { z } from 'zod';
import { idSchema } from './ids.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const timezoneSchema = z.string().refine(isTimezone, 'must be an IANA time zone such as Europe/Rome');

const intervalSchema = z
  .object({ open: hhmm, close: hhmm })
  .refine((i) => i.open < i.close, 'open must be before close');

/** Opening hours per weekday; a weekday left out is closed. */
export const openingHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.array(intervalSchema));

const positionSchema = {
  x: z.number().nonnegative(),
  y: z.number().nonnegative(),
};

export const deskSchema = z.object({
  id: idSchema,
  label: z.string().min(1).max(64),
  ...positionSchema,
  /** The device that reports for this desk now; history stays with the desk when it is swapped. */
  sensor: idSchema.optional(),
});

export const zoneSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  kind: z.enum(['open-space', 'meeting-room', 'quiet-room', 'phone-booth']).default('open-space'),
  capacity: z.number().int().positive(),
  desks: z.array(deskSchema),
});

export const doorSchema = z.object({
  id: idSchema,
  label: z.string().min(1).max(64),
  ...positionSchema,
  counter: idSchema.optional(),
});

export const floorSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  level: z.number().int(),
  /** Floor-plan size in plan units; desk and door positions are in the same units. */
  width: z.number().positive(),
  height: z.number().positive(),
  zones: z.array(zoneSchema),
  doors: z.array(doorSchema).default([]),
});

export const siteSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(100),
    timezone: timezoneSchema,
    capacity: z.number().int().positive(),
    /** Local time at which the door headcount starts again from zero. */
    dailyReset: hhmm.default('04:00'),
    openingHours: openingHoursSchema,
    floors: z.array(floorSchema).min(1),
  })
  .superRefine(checkUniqueIds);

export type Site = z.infer<typeof siteSchema>;
export type SiteInput = z.input<typeof siteSchema>;
export type Floor = z.infer<typeof floorSchema>;
export type Zone = z.infer<typeof zoneSchema>;
export type Desk = z.infer<typeof deskSchema>;
export type Door = z.infer<typeof doorSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

type SiteShape = {
  floors: Array<{
    id: string;
    zones: Array<{ id: string; desks: Array<{ id: string; sensor?: string | undefined }> }>;
    doors: Array<{ id: string; counter?: string | undefined }>;
  }>;
};

// Ids are unique per kind within a site, and a device reports for one place only,
// so a topic or a device id always names exactly one thing.
function checkUniqueIds(site: SiteShape, ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>();
  const claim = (key: string, path: (string | number)[], what: string) => {
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path, message: `duplicate ${what}` });
    else seen.set(key, path.join('.'));
  };
  site.floors.forEach((floor, f) => {
    claim(`floor:${floor.id}`, ['floors', f, 'id'], `floor id "${floor.id}"`);
    floor.zones.forEach((zone, z) => {
      claim(`zone:${zone.id}`, ['floors', f, 'zones', z, 'id'], `zone id "${zone.id}"`);
      zone.desks.forEach((desk, d) => {
        const path = ['floors', f, 'zones', z, 'desks', d];
        claim(`desk:${desk.id}`, [...path, 'id'], `desk id "${desk.id}"`);
        if (desk.sensor) claim(`device:${desk.sensor}`, [...path, 'sensor'], `device id "${desk.sensor}"`);
      });
    });
    floor.doors.forEach((door, d) => {
      const path = ['floors', f, 'doors', d];
      claim(`door:${door.id}`, [...path, 'id'], `door id "${door.id}"`);
      if (door.counter) claim(`device:${door.counter}`, [...path, 'counter'], `device id "${door.counter}"`);
    });
  });
}
