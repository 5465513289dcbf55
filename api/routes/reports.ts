import { z } from 'zod';
import type { Site } from '../../protocol/index.ts';
import type { Store } from '../../store/store.ts';
import type { MemberAccess } from '../access/access-control.ts';
import type { CalibrationLog } from '../calibration-log.ts';
import { httpError } from '../http-error.ts';
import type { LiveState } from '../live-state.ts';
import {
  type Calibration,
  capacityReport,
  deskRanking,
  entriesReport,
  headcountCurve,
  heatmapReport,
  occupancyReport,
  type ResolvedQuery,
  reportQuerySchema,
  resolveQuery,
  scopeOf,
  toCsv,
  zoneRanking,
} from '../reports/index.ts';
import { defineRoute, describeIssues, idParam, newRouter, notFound } from './route-kit.ts';

// The planners' reports (computed by api/reports/, defined in docs/reports.md) over HTTP: JSON, or
// the same rows as CSV with `format=csv`.

const KINDS = ['occupancy', 'heatmap', 'desks', 'zones', 'entries', 'headcount', 'capacity'] as const;
type Kind = (typeof KINDS)[number];

const querySchema = reportQuerySchema.extend({
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .meta({ example: 'json', description: 'csv: the same rows as a download' }),
});
const EXAMPLES: Record<string, string> = {
  scope: 'zone',
  id: 'open-a',
  from: '2026-11-02',
  to: '2026-11-08',
  resolution: 'day',
  hours: 'open',
};

async function compute(
  kind: Kind,
  store: Store,
  site: Site,
  query: ResolvedQuery,
  calibrations: readonly Calibration[],
) {
  const scope = scopeOf(site, query);
  if (!scope) throw httpError(404, `no ${query.scope} "${query.id}" in site "${site.id}"`);
  switch (kind) {
    case 'occupancy':
      return { rows: await occupancyReport(store, site, query, scope) };
    case 'heatmap': {
      const heatmap = await heatmapReport(store, site, query, scope);
      return { ...heatmap, rows: heatmap.cells };
    }
    case 'desks':
      return { rows: await deskRanking(store, site, query) };
    case 'zones':
      return { rows: await zoneRanking(store, site, query) };
    case 'entries':
      return { rows: await entriesReport(store, site, query) };
    case 'headcount':
      return { rows: await headcountCurve(store, site, query, calibrations) };
    case 'capacity': {
      const answer = await capacityReport(store, site, query, scope);
      return { ...answer, rows: [answer] };
    }
  }
}

export function reportsRoutes(options: {
  state: LiveState;
  store: Store;
  memberAccess: MemberAccess;
  calibrations?: CalibrationLog | undefined;
}) {
  const route = defineRoute('planner', options.memberAccess, {
    method: 'get',
    path: '/api/sites/{site}/reports/{report}',
    summary: 'A usage report (JSON or CSV)',
    description:
      'occupancy: per hour, day or week; heatmap: hour × weekday with the busiest and quietest times; desks: every desk ranked by use, never and rarely used flagged; zones: the same for zones; entries: door entries per day; headcount: people inside every 15 minutes (hour resolution) or hour, calibrations applied; capacity: the 95th-percentile daily peak against capacity, in words and numbers. Local days in the site’s time zone; opening hours only unless hours=all. Ranges longer than the resolution allows (hour: 31 days, day: 400, week: 1830) are a 400.',
    request: {
      params: z.object({
        site: idParam('site', 'demo'),
        report: z.enum(KINDS).meta({ example: 'occupancy' }),
      }),
      query: z.object(
        Object.fromEntries(
          Object.entries(querySchema.shape).map(([key, schema]) => [
            key,
            key in EXAMPLES ? (schema as z.ZodType).meta({ example: EXAMPLES[key] }) : schema,
          ]),
        ) as typeof querySchema.shape,
      ),
    },
    responses: {
      200: {
        description: 'The report: `rows` (what CSV exports), plus the report’s own fields',
        content: {
          'application/json': {
            schema: z.looseObject({ rows: z.array(z.record(z.string(), z.unknown())) }),
            example: {
              rows: [
                {
                  start: 1762038000000,
                  label: '2026-11-02',
                  minutes: 720,
                  avgOccupied: 14.2,
                  peakOccupied: 27,
                  peakAt: 1762074000000,
                  utilisation: 0.355,
                  timeUsed: 0.96,
                  minFree: 13,
                  avgPeople: 17.8,
                  peakPeople: 31,
                  peakPeopleAt: 1762074600000,
                  capacity: 48,
                },
              ],
            },
          },
          'text/csv': {
            schema: z.string(),
            example: 'start,label,minutes,avgOccupied\n1762038000000,2026-11-02,720,14.2\n',
          },
        },
      },
      404: notFound('no zone "nowhere" in site "demo"'),
    },
  });
  return newRouter().openapi(route, async (c) => {
    const { site: id, report } = c.req.valid('param');
    const site = options.state.site(id);
    if (!site) throw httpError(404, `no site "${id}"`);
    const { format, ...query } = c.req.valid('query');
    // The cross-field rules (from ≤ to, range within the resolution's limit, id with a scope).
    const checked = reportQuerySchema.safeParse(query);
    if (!checked.success) throw httpError(400, describeIssues(checked.error.issues));
    const calibrations = options.calibrations?.of(id) ?? [];
    const body = await compute(report, options.store, site, resolveQuery(checked.data, site), calibrations);
    if (format === 'csv') {
      return c.body(toCsv(body.rows as Array<Record<string, unknown>>), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${id}-${report}-${query.from}-${query.to}.csv"`,
      });
    }
    return c.json(body as { rows: Array<Record<string, unknown>> }, 200);
  });
}
