// What the operations page reads from the API, checked as it arrives (shapes from api/routes/*.ts).
import { z } from 'zod';
import { alertSchema, headcountSchema } from '../../../../protocol/live-view.ts';

export const sensorSchema = z.object({
  device: z.string(),
  /** desk / door: reports for `place`; device: heard but not in the site model. */
  kind: z.enum(['desk', 'door', 'device']),
  place: z.string().nullable(),
  online: z.boolean(),
  lastSeen: z.number().nullable(),
  battery: z.number().nullable(),
  rssi: z.number().nullable(),
  fw: z.string().nullable(),
});

export const sensorHealthSchema = z.object({
  site: z.string(),
  at: z.number(),
  sensors: z.array(sensorSchema),
  offline: z.array(z.string()),
});

export const alertListSchema = z.object({ alerts: z.array(alertSchema) });

/** The SSE `alert` event's data: the alert wrapped as a live event. */
export const alertEventSchema = z.object({ kind: z.literal('alert'), alert: alertSchema });

export const calibrationSchema = z.object({
  at: z.number(),
  count: z.number(),
  by: z.string().nullable(),
  note: z.string(),
});

export const calibrationListSchema = z.object({ calibrations: z.array(calibrationSchema) });

export { headcountSchema };

export type Sensor = z.infer<typeof sensorSchema>;
export type SensorHealth = z.infer<typeof sensorHealthSchema>;
export type Calibration = z.infer<typeof calibrationSchema>;
