// On a portrait phone a wide floor plan would be drawn tiny; turned a quarter it fills the screen
// about 1.6 times larger. Only positions turn: labels stay upright and desks keep their shape.
import type { Floor } from '../../protocol/site-model.ts';

/** When the plan is turned: narrow portrait screens only. */
export const PORTRAIT_QUERY = '(max-width: 699px) and (orientation: portrait)';

/** Whether a floor gains from turning on a portrait screen: only clearly wide ones do. */
export function shouldTurn(floor: Floor): boolean {
  return floor.width > floor.height * 1.2;
}

/**
 * The floor turned a quarter clockwise: the top wall becomes the right one.
 * @example quarterTurn(floor).width === floor.height
 */
export function quarterTurn(floor: Floor): Floor {
  const turn = <P extends { x: number; y: number }>(p: P): P => ({ ...p, x: floor.height - p.y, y: p.x });
  return {
    ...floor,
    width: floor.height,
    height: floor.width,
    zones: floor.zones.map((zone) => ({ ...zone, desks: zone.desks.map(turn) })),
    doors: floor.doors.map(turn),
  };
}
