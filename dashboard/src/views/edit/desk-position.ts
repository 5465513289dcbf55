// Where a desk may stand while it is edited: on a grid, inside the plan, and how far a key moves it.
// Pure, so dragging and the arrow keys share one rule and it is tested without a browser.

export type Point = { x: number; y: number };
/** The area a desk's centre may take: the plan less half a desk on each side. */
export type Bounds = { minX: number; minY: number; maxX: number; maxY: number };

/** One grid step in plan units: an arrow key moves a desk this far, a drag snaps to it. */
export const GRID = 10;
/** Shift+arrow moves this many grid steps. */
export const BIG_STEP = 5;

/** Desks stay wholly on the plan: their centre keeps half a desk from every wall. */
export function planBounds(
  plan: { width: number; height: number },
  desk: { width: number; height: number },
): Bounds {
  return {
    minX: desk.width / 2,
    minY: desk.height / 2,
    maxX: plan.width - desk.width / 2,
    maxY: plan.height - desk.height / 2,
  };
}

/**
 * The grid point nearest to `point` that lies inside `bounds`.
 * @example placeOnGrid({ x: 84, y: -3 }, { minX: 36, minY: 24, maxX: 964, maxY: 576 }) // { x: 80, y: 30 }
 */
export function placeOnGrid(point: Point, bounds: Bounds, grid = GRID): Point {
  return {
    x: snapInside(point.x, bounds.minX, bounds.maxX, grid),
    y: snapInside(point.y, bounds.minY, bounds.maxY, grid),
  };
}

/** The move an arrow key asks for, in plan units, or undefined for any other key. */
export function keyStep(key: string, bigger: boolean, grid = GRID): Point | undefined {
  const step = bigger ? grid * BIG_STEP : grid;
  const moves: Record<string, Point> = {
    ArrowLeft: { x: -step, y: 0 },
    ArrowRight: { x: step, y: 0 },
    ArrowUp: { x: 0, y: -step },
    ArrowDown: { x: 0, y: step },
  };
  return moves[key];
}

function snapInside(value: number, min: number, max: number, grid: number): number {
  if (min > max) return Math.round((min + max) / 2);
  const snapped = Math.round(value / grid) * grid;
  if (snapped < min) return Math.min(Math.ceil(min / grid) * grid, max);
  if (snapped > max) return Math.max(Math.floor(max / grid) * grid, min);
  return snapped;
}
