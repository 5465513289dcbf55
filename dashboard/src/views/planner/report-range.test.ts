import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayCount,
  localDay,
  matchingPick,
  quickRange,
  rangeFromParams,
  rangeProblem,
  rangeToParams,
  reportQuery,
} from './report-range.ts';

describe('report range', () => {
  it('defaults to the last 4 weeks by day for the whole site', () => {
    expect(rangeFromParams(new URLSearchParams(), '2026-11-25')).toEqual({
      from: '2026-10-29',
      to: '2026-11-25',
      resolution: 'day',
      scope: 'site',
      id: undefined,
    });
  });

  it('reads back what it wrote, so a link reopens the same report', () => {
    const range = {
      from: '2026-11-01',
      to: '2026-11-07',
      resolution: 'hour',
      scope: 'zone',
      id: 'open-a',
    } as const;
    expect(rangeFromParams(rangeToParams(range), '2026-11-25')).toEqual(range);
  });

  it('replaces malformed parts with the defaults and drops a scope without an id', () => {
    const params = new URLSearchParams('from=yesterday&resolution=minute&scope=zone');
    expect(rangeFromParams(params, '2026-11-25')).toMatchObject({
      from: '2026-10-29',
      resolution: 'day',
      scope: 'site',
    });
  });

  it('picks quick ranges ending today, across month ends', () => {
    expect(quickRange('last7', '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(quickRange('month', '2026-11-25')).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(matchingPick({ from: '2026-11-19', to: '2026-11-25' }, '2026-11-25')).toBe('last7');
    expect(matchingPick({ from: '2026-11-18', to: '2026-11-25' }, '2026-11-25')).toBeUndefined();
  });

  it('counts local days through a daylight-saving change', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(dayCount('2026-10-01', '2026-10-31')).toBe(31);
    // 23:30 UTC on 24 Nov is already 25 Nov in Rome.
    expect(localDay(Date.UTC(2026, 10, 24, 23, 30), 'Europe/Rome')).toBe('2026-11-25');
  });

  it('refuses what the API would refuse', () => {
    const base = { resolution: 'hour', scope: 'site', id: undefined } as const;
    expect(rangeProblem({ ...base, from: '2026-11-02', to: '2026-11-01' })).toBe('order');
    expect(rangeProblem({ ...base, from: '2026-10-01', to: '2026-11-01' })).toBe('tooLong');
    expect(rangeProblem({ ...base, from: '2026-10-02', to: '2026-11-01' })).toBeUndefined();
  });

  it('asks each report with the parameters it takes', () => {
    const range = {
      from: '2026-10-01',
      to: '2026-10-20',
      resolution: 'hour',
      scope: 'floor',
      id: 'first',
    } as const;
    expect(reportQuery('occupancy', range)).toEqual({ ...range, resolution: 'hour' });
    expect(reportQuery('heatmap', range).resolution).toBe('day');
    expect(reportQuery('entries', range)).toEqual({
      from: '2026-10-01',
      to: '2026-10-20',
      resolution: 'day',
    });
  });
});
