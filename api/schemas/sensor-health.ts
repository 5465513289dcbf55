import { z } from 'zod';

export const sensorSchema = z.object({
  device: z.string().meta({ example: 'ds-a-01' }),
  /** desk / door: reports for the place in `place`; device: heard but not in the site model. */
  kind: z.enum(['desk', 'door', 'device']),
  place: z.string().nullable().meta({ example: 'a-01' }),
  online: z.boolean().meta({ description: 'Heard within the offline window and no last will since' }),
  lastSeen: z
    .number()
    .nullable()
    .meta({ description: 'Epoch ms; null when never heard', example: 1764061200000 }),
  battery: z
    .number()
    .nullable()
    .meta({ description: 'Percent, from its last status heartbeat', example: 87 }),
  rssi: z.number().nullable().meta({ example: -61 }),
  fw: z.string().nullable().meta({ example: '1.4.2' }),
});

export const sensorHealthSchema = z
  .object({
    site: z.string(),
    at: z.number(),
    sensors: z.array(sensorSchema),
    /** Devices that are not online: silent too long, last will received, or never heard. */
    offline: z.array(z.string()),
  })
  .meta({ id: 'SensorHealth' });

export const deadLettersSchema = z
  .object({
    letters: z.array(
      z.object({ ts: z.number(), topic: z.string(), reason: z.string(), payload: z.string() }),
    ),
  })
  .meta({ id: 'DeadLetters' });

export type SensorHealth = z.infer<typeof sensorHealthSchema>;
