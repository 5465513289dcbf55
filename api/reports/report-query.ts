import { z } from 'zod';
import { idSchema, type Site, zonedTime } from '../../protocol/index.ts';

const DAY_MS = 86_400_000;
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** The longest range each resolution allows, in days: enough rows to read, never a runaway query. */
export const MAX_DAYS = { hour: 31, day: 400, week: 1830 } as const;

export const reportQuerySchema = z
  .object({
    scope: z.enum(['site', 'floor', 'zone', 'desk']).default('site'),
    /** The floor, zone or desk id; not used for the site scope. */
    id: idSchema.optional(),
    /** First local day of the range, inclusive. */
    from: localDate,
    /** Last local day of the range, inclusive. */
    to: localDate,
    resolution: z.enum(['hour', 'day', 'week']).default('day'),
    /** `open`: only the site's opening hours count; `all`: every hour of the day. */
    hours: z.enum(['open', 'all']).default('open'),
  })
  .refine((q) => q.scope === 'site' || q.id !== undefined, {
    message: 'id is required for this scope',
    path: ['id'],
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => days(q.from, q.to) <= MAX_DAYS[q.resolution], {
    message: 'range too long for this resolution (hour: 31 days, day: 400, week: 1830)',
    path: ['to'],
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** A query resolved against a site: the range as instants, from local midnight to local midnight. */
export type ResolvedQuery = ReportQuery & { start: number; end: number };

export function resolveQuery(query: ReportQuery, site: Site): ResolvedQuery {
  const [fy = 0, fm = 0, fd = 0] = query.from.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = query.to.split('-').map(Number);
  const start = zonedTime({ year: fy, month: fm, day: fd }, { hour: 0, minute: 0 }, site.timezone);
  const next = new Date(Date.UTC(ty, tm - 1, td) + DAY_MS);
  const end = zonedTime(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
    { hour: 0, minute: 0 },
    site.timezone,
  );
  return { ...query, start, end };
}

function days(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
}
