// What a desk added in the editor starts as: the next id and label in its zone's series, and the free
// grid point nearest the zone's last desk, so it lands beside its neighbours rather than on one.
import type { Desk, Floor, Site, Zone } from '../../../../protocol/site-model.ts';
import { type Bounds, GRID, type Point } from './desk-position.ts';

const NUMBERED = /^(.*?)(\d+)$/;

/**
 * The next free id in the zone's series (`a-16` → `a-17`), or `{zone}-01` for an empty zone.
 * @example nextDeskId(site, zone) // 'a-17'
 */
export function nextDeskId(site: Site, zone: Zone): string {
  const taken = new Set(site.floors.flatMap((f) => f.zones.flatMap((z) => z.desks.map((d) => d.id))));
  const last = zone.desks.at(-1)?.id.match(NUMBERED);
  const prefix = last ? (last[1] ?? '') : `${zone.id}-`.slice(0, 60);
  const width = last ? (last[2] ?? '').length : 2;
  let n = last ? Number(last[2]) + 1 : 1;
  while (taken.has(`${prefix}${String(n).padStart(width, '0')}`)) n += 1;
  return `${prefix}${String(n).padStart(width, '0')}`;
}

/** The next label in the zone's series (`A16` → `A17`), else the id in capitals. */
export function nextDeskLabel(zone: Zone, id: string): string {
  const last = zone.desks.at(-1)?.label.match(NUMBERED);
  if (!last) return id.toUpperCase().slice(0, 64);
  const taken = new Set(zone.desks.map((d) => d.label));
  let n = Number(last[2]) + 1;
  while (taken.has(`${last[1]}${n}`)) n += 1;
  return `${last[1]}${n}`;
}

/**
 * The grid point inside `bounds` nearest to `near` where a desk of `size` overlaps no other desk of the
 * floor, or `near` itself when the floor is full.
 */
export function freeSpot(
  floor: Floor,
  near: Point,
  bounds: Bounds,
  size: { width: number; height: number },
): Point {
  const desks = floor.zones.flatMap((z) => z.desks);
  const clear = (p: Point) =>
    desks.every((d) => Math.abs(d.x - p.x) >= size.width + GRID || Math.abs(d.y - p.y) >= size.height + GRID);
  let best: Point | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let x = Math.ceil(bounds.minX / GRID) * GRID; x <= bounds.maxX; x += GRID) {
    for (let y = Math.ceil(bounds.minY / GRID) * GRID; y <= bounds.maxY; y += GRID) {
      const distance = (x - near.x) ** 2 + (y - near.y) ** 2;
      if (distance < bestDistance && clear({ x, y })) {
        best = { x, y };
        bestDistance = distance;
      }
    }
  }
  return best ?? near;
}

/** A new desk for `zone`: next id and label, beside the zone's last desk (the plan's centre if none). */
export function newDesk(
  site: Site,
  floor: Floor,
  zone: Zone,
  bounds: Bounds,
  size: { width: number; height: number },
): Desk {
  const id = nextDeskId(site, zone);
  const last = zone.desks.at(-1);
  const near = last ? { x: last.x, y: last.y } : { x: floor.width / 2, y: floor.height / 2 };
  return { id, label: nextDeskLabel(zone, id), ...freeSpot(floor, near, bounds, size) };
}
