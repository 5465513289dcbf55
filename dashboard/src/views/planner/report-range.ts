import { z } from 'zod';

// The planner's report range as it lives in the address: local days of the site, a resolution and a
// scope. Kept pure (no DOM) so the rules the API enforces are checked here before any request.

export const RESOLUTIONS = ['hour', 'day', 'week'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const QUICK_PICKS = ['last7', 'last4w', 'month'] as const;
export type QuickPick = (typeof QUICK_PICKS)[number];
export type ReportKind = 'occupancy' | 'heatmap' | 'desks' | 'zones' | 'entries' | 'capacity';

/** The API's longest range per resolution, in days (docs/reports.md). */
export const MAX_DAYS: Readonly<Record<Resolution, number>> = { hour: 31, day: 400, week: 1830 };

const DAY_MS = 86_400_000;
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const rangeSchema = z.object({
  from: localDate,
  to: localDate,
  resolution: z.enum(RESOLUTIONS).catch('day'),
  scope: z.enum(['site', 'floor', 'zone']).catch('site'),
  id: z.string().min(1).optional().catch(undefined),
});

export type ReportRange = z.infer<typeof rangeSchema>;

/** The local day ('YYYY-MM-DD') of an instant in a time zone. */
export function localDay(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(epochMs);
}

/** A local day moved by whole days; calendar arithmetic, so daylight saving does not matter. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted. */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * @example quickRange('last7', '2026-11-25') // { from: '2026-11-19', to: '2026-11-25' }
 */
export function quickRange(pick: QuickPick, today: string): { from: string; to: string } {
  if (pick === 'last7') return { from: addDays(today, -6), to: today };
  if (pick === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  return { from: addDays(today, -27), to: today };
}

/** Which quick pick the range is, if any, so its button can show as pressed. */
export function matchingPick(range: Pick<ReportRange, 'from' | 'to'>, today: string): QuickPick | undefined {
  return QUICK_PICKS.find((pick) => {
    const quick = quickRange(pick, today);
    return quick.from === range.from && quick.to === range.to;
  });
}

/**
 * The range in the address, with the default (the last 4 weeks, by day, the whole site) for
 * anything missing or malformed.
 * @example rangeFromParams(new URLSearchParams('resolution=week'), '2026-11-25').from // '2026-10-29'
 */
export function rangeFromParams(params: URLSearchParams, today: string): ReportRange {
  const fallback = quickRange('last4w', today);
  const read = (name: string) => params.get(name) ?? undefined;
  const from = localDate.safeParse(read('from')).data ?? fallback.from;
  const to = localDate.safeParse(read('to')).data ?? fallback.to;
  const range = rangeSchema.parse({
    from,
    to,
    resolution: read('resolution'),
    scope: read('scope'),
    id: read('id'),
  });
  if (range.scope === 'site' || range.id === undefined) return { ...range, scope: 'site', id: undefined };
  return range;
}

export function rangeToParams(range: ReportRange): URLSearchParams {
  const params = new URLSearchParams({ from: range.from, to: range.to, resolution: range.resolution });
  params.set('scope', range.scope);
  if (range.scope !== 'site' && range.id) params.set('id', range.id);
  return params;
}

/** Why the API would refuse the range, before asking it. */
export function rangeProblem(range: ReportRange): 'order' | 'tooLong' | undefined {
  if (range.from > range.to) return 'order';
  if (dayCount(range.from, range.to) > MAX_DAYS[range.resolution]) return 'tooLong';
  return undefined;
}

/**
 * The query one report is asked with. Only occupancy has a resolution of its own; the others take
 * the coarsest the range allows, so an hourly chart never makes the rest refuse a long range.
 */
export function reportQuery(kind: ReportKind | 'peaks', range: ReportRange): Record<string, string> {
  const query: Record<string, string> = { from: range.from, to: range.to };
  if (kind === 'occupancy') query.resolution = range.resolution;
  else if (kind === 'peaks') query.resolution = 'day';
  else query.resolution = range.resolution === 'week' ? 'week' : 'day';
  if (kind === 'entries') return query;
  query.scope = range.scope;
  if (range.scope !== 'site' && range.id) query.id = range.id;
  return query;
}
