import { afterEach, describe, expect, it } from 'vitest';
import { inProcessApi } from './test-harness.ts';

let api: Awaited<ReturnType<typeof inProcessApi>>;
afterEach(() => api?.close());

describe('reports over HTTP', () => {
  it('serves a report to planners as JSON and as CSV, and refuses what it cannot answer', async () => {
    api = await inProcessApi();
    const url = '/api/sites/demo/reports/entries?from=2026-11-02&to=2026-11-08';
    expect((await api.app.request(url, api.member)).status).toBe(403);
    const json = await api.app.request(url, api.planner);
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ rows: [] });
    const csv = await api.app.request(`${url}&format=csv`, api.planner);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="demo-entries-2026-11-02-2026-11-08.csv"',
    );

    const tooLong = await api.app.request(
      '/api/sites/demo/reports/occupancy?from=2026-01-01&to=2026-03-01&resolution=hour',
      api.planner,
    );
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { message: string } }).error.message).toMatch(
      /^to: range too long/,
    );
    const unknownZone = await api.app.request(
      '/api/sites/demo/reports/occupancy?scope=zone&id=nowhere&from=2026-11-02&to=2026-11-02',
      api.planner,
    );
    expect(unknownZone.status).toBe(404);
  });
});
