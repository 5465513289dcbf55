/** A stretch of time when a desk's state was known: [from, to). */
export type Segment = { from: number; to: number; occupied: boolean };

/**
 * Turns one desk's reports (sorted by time, including the last one before the range) into the
 * stretches when its state was known, clipped to [from, to). A report holds until the next report
 * or until `windowMs` has passed without one — after that the desk is unknown, never assumed free.
 */
export function deskSegments(
  reports: ReadonlyArray<{ ts: number; occupied: boolean }>,
  windowMs: number,
  from: number,
  to: number,
): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i < reports.length; i++) {
    const report = reports[i] as { ts: number; occupied: boolean };
    const next = reports[i + 1]?.ts ?? Number.POSITIVE_INFINITY;
    const start = Math.max(report.ts, from);
    const end = Math.min(next, report.ts + windowMs, to);
    if (end <= start) continue;
    const last = segments.at(-1);
    // A heartbeat repeating the state continues the stretch rather than starting a new one.
    if (last && last.to === start && last.occupied === report.occupied) last.to = end;
    else segments.push({ from: start, to: end, occupied: report.occupied });
  }
  return segments;
}
