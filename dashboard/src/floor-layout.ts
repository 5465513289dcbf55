// Plan geometry derived from the site model: desk size from desk spacing, zone areas from their
// desks, door marks snapped to the nearest wall. Pure, so it is tested without a browser.
import type { Door, Floor, Zone } from '../../protocol/site-model.ts';

export type Box = { x: number; y: number; width: number; height: number };
export type DeskSize = { width: number; height: number };
export type Wall = 'top' | 'bottom' | 'left' | 'right';
export type DoorMark = { door: Door; wall: Wall; x: number; y: number };

const DESK_MAX_WIDTH = 72;
const DESK_MIN_WIDTH = 20;
/** Room left above a zone's desks for its name and count. */
const ZONE_LABEL_SPACE = 34;

/** Desks as large as their tightest spacing allows, so neighbours never overlap. */
export function deskSize(floor: Floor): DeskSize {
  const points = floor.zones.flatMap((z) => z.desks);
  let nearest = Number.POSITIVE_INFINITY;
  for (const [i, a] of points.entries()) {
    for (const b of points.slice(i + 1)) {
      nearest = Math.min(nearest, Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y) / 0.7));
    }
  }
  const width = clamp(nearest * 0.78, DESK_MIN_WIDTH, DESK_MAX_WIDTH);
  return { width, height: Math.round(width * 0.66) };
}

export type ZoneLayout = {
  box: Box;
  name: { x: number; y: number };
  /** Right-aligned beside the name when both fit on one line, else on a line of its own below it. */
  count: { x: number; y: number; anchor: 'start' | 'end' };
};

/** Rough widths of the zone label in plan units (17-unit bold name, 16-unit count such as "12/16"). */
const NAME_CHAR_WIDTH = 10.2;
const COUNT_WIDTH = 50;
const LABEL_INSET = 14;
const LINE = 20;

/**
 * A zone's area: its desks' bounding box padded by `padding`, with room on top for its label, wide
 * enough for its name, kept on the plan. Undefined for a zone without desks.
 */
export function zoneLayout(zone: Zone, floor: Floor, desk: DeskSize, padding = 18): ZoneLayout | undefined {
  if (zone.desks.length === 0) return undefined;
  const xs = zone.desks.map((d) => d.x);
  const ys = zone.desks.map((d) => d.y);
  const nameWidth = zone.name.length * NAME_CHAR_WIDTH + LABEL_INSET * 2;
  const left = Math.max(0, Math.min(...xs) - desk.width / 2 - padding);
  let right = Math.min(floor.width, Math.max(...xs) + desk.width / 2 + padding);
  right = Math.min(floor.width, Math.max(right, left + nameWidth));
  const oneLine = right - left >= nameWidth + COUNT_WIDTH;
  const labelSpace = ZONE_LABEL_SPACE + (oneLine ? 0 : LINE);
  const top = Math.max(0, Math.min(...ys) - desk.height / 2 - padding - labelSpace);
  const bottom = Math.min(floor.height, Math.max(...ys) + desk.height / 2 + padding);
  const box = { x: left, y: top, width: right - left, height: bottom - top };
  const name = { x: left + LABEL_INSET, y: top + 24 };
  const count = oneLine
    ? { x: right - LABEL_INSET, y: name.y, anchor: 'end' as const }
    : { x: name.x, y: name.y + LINE, anchor: 'start' as const };
  return { box, name, count };
}

/** Puts each door on the wall it is closest to, so it reads as an opening in the outline. */
export function doorMark(door: Door, floor: Floor): DoorMark {
  const distances: Array<[Wall, number]> = [
    ['top', door.y],
    ['bottom', floor.height - door.y],
    ['left', door.x],
    ['right', floor.width - door.x],
  ];
  const [wall] = distances.reduce((best, next) => (next[1] < best[1] ? next : best));
  const x = wall === 'left' ? 0 : wall === 'right' ? floor.width : clamp(door.x, 0, floor.width);
  const y = wall === 'top' ? 0 : wall === 'bottom' ? floor.height : clamp(door.y, 0, floor.height);
  return { door, wall, x, y };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
