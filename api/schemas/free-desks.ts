import { z } from 'zod';

export const freeDeskSchema = z.object({
  id: z.string().meta({ example: 'a-03' }),
  label: z.string().meta({ example: 'A3' }),
  /** When the desk was last vacated (epoch ms), if known. */
  freeSince: z.number().nullable(),
  /** now − freeSince, in ms. */
  freeForMs: z.number().nullable(),
  usuallyFreeUntil: z.number().nullable().meta({
    description:
      'Epoch ms: the start of the first whole local hour, after the current one and before today’s closing, in which this desk was occupied at least half of the time it was known on the same weekday and hour over the last 28 days; today’s closing time when there is none; null when the site is closed now or the desk has no history.',
  }),
});

export const freeDesksSchema = z
  .object({
    site: z.string(),
    at: z.number(),
    free: z.number().int().meta({ description: 'Free desks in the whole site' }),
    zones: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        floor: z.string(),
        kind: z.string(),
        free: z.number().int(),
        desks: z.array(freeDeskSchema),
      }),
    ),
  })
  .meta({ id: 'FreeDesks' });

export type FreeDesks = z.infer<typeof freeDesksSchema>;
