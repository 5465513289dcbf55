import type { DoorCountPayload, SiteIndex } from '../../protocol/index.ts';
import type { DoorCountRecord } from '../../store/records.ts';
import type { Handled } from './handled.ts';

export function handleDoorCount(
  index: SiteIndex,
  door: string,
  payload: DoorCountPayload,
  ts: number,
): Handled<DoorCountRecord> {
  const place = index.doors.get(door);
  if (!place) return { ok: false, reason: `unknown door "${door}" in site "${index.site.id}"` };
  return {
    ok: true,
    record: {
      site: index.site.id,
      door,
      floor: place.floor.id,
      ts,
      in: payload.in,
      out: payload.out,
      seq: payload.seq ?? null,
    },
  };
}
