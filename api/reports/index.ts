// Usage reports for planners: occupancy over time, the hour × weekday pattern, desks ranked by use,
// entries per day and the capacity answer — all from the derived series, in the site's time zone.
export * from './capacity-report.ts';
export * from './csv.ts';
export * from './desk-ranking.ts';
export * from './entries-report.ts';
export * from './headcount-curve.ts';
export * from './heatmap-report.ts';
export * from './occupancy-report.ts';
export type { Quarter, Scope } from './quarter-series.ts';
export { scopeOf } from './quarter-series.ts';
export * from './report-query.ts';
export * from './zone-ranking.ts';
