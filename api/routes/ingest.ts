import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { type MemberAccess, requireRole } from '../access/access-control.ts';
import type { ApiEnv } from '../access/roles.ts';
import { type IngestWorker, ingestMetricFamilies, ingestWorkerSchema } from '../ingest-stats.ts';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from '../prometheus-text.ts';
import { defineRoute, jsonContent, newRouter } from './route-kit.ts';

const ingestSchema = z.object({ workers: z.array(ingestWorkerSchema) }).meta({ id: 'Ingest' });

const EXAMPLE: IngestWorker = {
  clientId: 'prossima-ingest',
  at: 1_795_000_005_000,
  startedAt: 1_795_000_000_000,
  counters: {
    received: 51_200,
    accepted: 51_180,
    deadLettered: 20,
    refusedByStore: 0,
    lost: 0,
    retainedSkipped: 40,
    repeats: 3,
    written: 51_200,
    batches: 312,
    retries: 4,
    tornRecords: 0,
    backPressureEvents: 0,
  },
  gauges: { walBytes: 6_291_456, walUnconfirmedBytes: 8_192, storeUp: 1, backPressure: 0, seqMemory: 120 },
  lagMs: { count: 20_000, p50: 42, p99: 180, max: 240 },
  batchSize: { count: 312, p50: 160, p99: 5000, max: 5000 },
  writeMs: { count: 312, p50: 12, p99: 95, max: 140 },
};

export type IngestRoutesOptions = {
  workers: () => IngestWorker[];
  now: () => number;
  memberAccess: MemberAccess;
};

/** How the ingest workers are doing: JSON at /api/ingest, Prometheus text at /metrics. */
export function ingestRoutes(options: IngestRoutesOptions) {
  const route = defineRoute('manager', options.memberAccess, {
    method: 'get',
    path: '/api/ingest',
    summary: 'Ingest workers',
    description:
      'The latest figures each ingest worker reported: messages in, stored, retried and set aside, ' +
      'lag from publish to stored, batch sizes and the size of its log (definitions: docs/ingest.md).',
    responses: { 200: jsonContent(ingestSchema, 'Every worker that has reported', { workers: [EXAMPLE] }) },
  });
  const router = newRouter().openapi(route, (c) => c.json({ workers: options.workers() }, 200));
  router.get('/metrics', scrapeAccess(options.memberAccess), (c) => {
    const text = prometheusText(ingestMetricFamilies(options.workers(), options.now()));
    return c.body(text, 200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
  });
  return router;
}

/** A scraper on this machine or the local network needs no token; from elsewhere, a manager token. */
function scrapeAccess(memberAccess: MemberAccess): MiddlewareHandler<ApiEnv> {
  const manager = requireRole('manager', memberAccess);
  return async (c, next) => {
    const principal = c.get('principal');
    if (principal?.local && principal.role === undefined) return next();
    return manager(c, next);
  };
}
