import { z } from 'zod';

// What GET /api/sites/{site}/free-desks answers (docs/api.md "Free desks"): the free desks per zone,
// in the order of the site model, with how long each has been free and until when it usually stays so.
export const freeDesksSchema = z.object({
  site: z.string(),
  at: z.number(),
  free: z.number().int(),
  zones: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      floor: z.string(),
      kind: z.string(),
      free: z.number().int(),
      desks: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          freeSince: z.number().nullable(),
          freeForMs: z.number().nullable(),
          usuallyFreeUntil: z.number().nullable(),
        }),
      ),
    }),
  ),
});

export type FreeDesks = z.infer<typeof freeDesksSchema>;
export type FreeDesksZone = FreeDesks['zones'][number];
