import { z } from 'zod';

// What the planner reads from GET /api/sites/{site}/reports/{report} (api/reports/, docs/reports.md).

const count = z.number();
const maybe = z.number().nullable();
const use = z.enum(['never', 'rare', 'used']);

export const occupancyReportSchema = z.object({
  rows: z.array(
    z.object({
      start: z.number(),
      label: z.string(),
      minutes: count,
      avgOccupied: maybe,
      peakOccupied: maybe,
      peakAt: maybe,
      utilisation: maybe,
      timeUsed: maybe,
      minFree: maybe,
      avgPeople: maybe,
      peakPeople: maybe,
      peakPeopleAt: maybe,
      capacity: count,
    }),
  ),
});

const heatCell = z.object({
  weekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  hour: z.number().int(),
  minutes: count,
  avgOccupied: count,
  utilisation: maybe,
});

export const heatmapReportSchema = z.object({
  rows: z.array(heatCell),
  busiest: z.array(heatCell),
  quietest: z.array(heatCell),
});

export const deskReportSchema = z.object({
  rows: z.array(
    z.object({
      desk: z.string(),
      label: z.string(),
      zone: z.string(),
      floor: z.string(),
      occupiedMinutes: count,
      knownMinutes: count,
      utilisation: maybe,
      arrivals: count,
      avgDwellMinutes: maybe,
      use,
    }),
  ),
});

export const zoneReportSchema = z.object({
  rows: z.array(
    z.object({
      zone: z.string(),
      name: z.string(),
      floor: z.string(),
      minutes: count,
      avgOccupied: maybe,
      utilisation: maybe,
      timeUsed: maybe,
      use,
    }),
  ),
});

export const entriesReportSchema = z.object({
  rows: z.array(z.object({ day: z.string(), start: z.number(), entries: count, exits: count })),
});

export const capacityReportSchema = z.object({
  measure: z.enum(['people', 'desks']),
  days: count,
  p95Peak: maybe,
  maxPeak: maybe,
  maxPeakDay: z.string().nullable(),
  capacity: count,
  share: maybe,
  answer: z.string(),
  rows: z.array(z.unknown()),
});

export type OccupancyRow = z.infer<typeof occupancyReportSchema>['rows'][number];
export type HeatCell = z.infer<typeof heatCell>;
export type HeatmapReport = z.infer<typeof heatmapReportSchema>;
export type DeskRow = z.infer<typeof deskReportSchema>['rows'][number];
export type ZoneRow = z.infer<typeof zoneReportSchema>['rows'][number];
export type EntriesRow = z.infer<typeof entriesReportSchema>['rows'][number];
export type CapacityReport = z.infer<typeof capacityReportSchema>;
export type Use = DeskRow['use'];
