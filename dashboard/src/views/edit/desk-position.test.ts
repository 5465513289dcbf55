import { describe, expect, it } from 'vitest';
import { keyStep, placeOnGrid, planBounds } from './desk-position.ts';

const bounds = planBounds({ width: 1000, height: 600 }, { width: 72, height: 48 });

describe('desk position', () => {
  it('snaps a dragged desk to the nearest 10-unit grid point', () => {
    expect(placeOnGrid({ x: 84, y: 96 }, bounds)).toEqual({ x: 80, y: 100 });
    expect(placeOnGrid({ x: 85, y: 104.9 }, bounds)).toEqual({ x: 90, y: 100 });
  });

  it('keeps the whole desk on the plan', () => {
    expect(bounds).toEqual({ minX: 36, minY: 24, maxX: 964, maxY: 576 });
    expect(placeOnGrid({ x: -50, y: 2000 }, bounds)).toEqual({ x: 40, y: 570 });
    expect(placeOnGrid({ x: 5000, y: -3 }, bounds)).toEqual({ x: 960, y: 30 });
  });

  it('centres a desk on a plan narrower than the desk', () => {
    expect(placeOnGrid({ x: 0, y: 0 }, { minX: 36, minY: 24, maxX: 20, maxY: 576 })).toEqual({
      x: 28,
      y: 30,
    });
  });

  it('moves one grid step per arrow key and five with Shift', () => {
    expect(keyStep('ArrowRight', false)).toEqual({ x: 10, y: 0 });
    expect(keyStep('ArrowUp', true)).toEqual({ x: 0, y: -50 });
    expect(keyStep('Enter', false)).toBeUndefined();
  });
});
