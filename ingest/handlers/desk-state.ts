import type { DeskStatePayload, SiteIndex } from '../../protocol/index.ts';
import type { DeskStateRecord } from '../../store/records.ts';
import type { Handled } from './handled.ts';

/** A desk report becomes a record tagged with the desk's floor and zone at the time it was made. */
export function handleDeskState(
  index: SiteIndex,
  desk: string,
  payload: DeskStatePayload,
  ts: number,
): Handled<DeskStateRecord> {
  const place = index.desks.get(desk);
  if (!place) return { ok: false, reason: `unknown desk "${desk}" in site "${index.site.id}"` };
  return {
    ok: true,
    record: {
      site: index.site.id,
      desk,
      floor: place.floor.id,
      zone: place.zone.id,
      ts,
      occupied: payload.occupied,
      seq: payload.seq ?? null,
    },
  };
}
