// The list's rows: every free desk of the chosen zone, the longest free first, "free for" counted
// on from when the answer arrived, so it keeps growing between fetches whatever the device's clock says.
import type { FreeDesks } from './free-desks-schema.ts';

export type FreeDeskRow = {
  id: string;
  label: string;
  zone: string;
  zoneName: string;
  floor: string;
  /** How long the desk has been free now, if known. */
  freeForMs: number | null;
  usuallyFreeUntil: number | null;
};

const byLabel = new Intl.Collator('en', { numeric: true });

/**
 * @example freeDeskRows(answer, 'open-a', Date.now() - receivedAt)[0].label // the desk free the longest
 */
export function freeDeskRows(data: FreeDesks, zone: string | undefined, elapsedMs: number): FreeDeskRow[] {
  const rows = data.zones
    .filter((z) => zone === undefined || z.id === zone)
    .flatMap((z) =>
      z.desks.map((desk) => ({
        id: desk.id,
        label: desk.label,
        zone: z.id,
        zoneName: z.name,
        floor: z.floor,
        freeForMs: desk.freeForMs === null ? null : desk.freeForMs + Math.max(0, elapsedMs),
        usuallyFreeUntil: desk.usuallyFreeUntil,
      })),
    );
  // A desk free for an unknown time goes last: nothing says it has been free long.
  return rows.sort((a, b) => (b.freeForMs ?? -1) - (a.freeForMs ?? -1) || byLabel.compare(a.label, b.label));
}
