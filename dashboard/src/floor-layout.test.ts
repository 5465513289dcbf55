import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSite } from '../../protocol/load-sites.ts';
import type { Floor } from '../../protocol/site-model.ts';
import { deskSize, doorMark, zoneLayout } from './floor-layout.ts';
import { quarterTurn } from './floor-orientation.ts';

const demo = parseSite(
  JSON.parse(readFileSync(new URL('../../protocol/sites/demo.json', import.meta.url), 'utf8')),
);
const ground = demo.floors[0] as Floor;

describe('floor layout of the demo site', () => {
  for (const floor of [...demo.floors, ...demo.floors.map(quarterTurn)]) {
    it(`draws no two desks overlapping on ${floor.id} (${floor.width}×${floor.height})`, () => {
      const size = deskSize(floor);
      const desks = floor.zones.flatMap((z) => z.desks);
      for (const [i, a] of desks.entries()) {
        for (const b of desks.slice(i + 1)) {
          const apart = Math.abs(a.x - b.x) >= size.width || Math.abs(a.y - b.y) >= size.height;
          expect(apart, `${a.id} and ${b.id}`).toBe(true);
        }
      }
    });

    it(`puts every desk of ${floor.id} inside its zone's area, and the area on the plan`, () => {
      const size = deskSize(floor);
      for (const zone of floor.zones) {
        const { box } = zoneLayout(zone, floor, size) ?? { box: undefined };
        expect(box).toBeDefined();
        if (!box) continue;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(floor.width);
        expect(box.y + box.height).toBeLessThanOrEqual(floor.height);
        for (const d of zone.desks) {
          expect(d.x - size.width / 2).toBeGreaterThan(box.x);
          expect(d.x + size.width / 2).toBeLessThan(box.x + box.width);
          expect(d.y - size.height / 2).toBeGreaterThan(box.y);
          expect(d.y + size.height / 2).toBeLessThan(box.y + box.height);
        }
      }
    });
  }

  it('keeps zone areas from overlapping each other', () => {
    const size = deskSize(ground);
    const [a, b] = ground.zones.map((z) => zoneLayout(z, ground, size)?.box);
    if (!a || !b) throw new Error('demo zones have desks');
    expect(a.x + a.width < b.x || b.x + b.width < a.x || a.y + a.height < b.y || b.y + b.height < a.y).toBe(
      true,
    );
  });

  it('puts a narrow zone’s count under its name instead of over it', () => {
    const quiet = demo.floors[1]?.zones.find((z) => z.id === 'quiet');
    const first = demo.floors[1] as Floor;
    const layout = quiet && zoneLayout(quiet, first, deskSize(first));
    expect(layout?.count.anchor).toBe('start');
    expect(layout?.count.y).toBeGreaterThan(layout?.name.y ?? 0);
  });

  it('snaps doors to the wall they are nearest', () => {
    const marks = ground.doors.map((door) => doorMark(door, ground));
    expect(marks.map((m) => [m.door.id, m.wall, m.x, m.y])).toEqual([
      ['main', 'bottom', 500, 600],
      ['garden', 'right', 1000, 450],
    ]);
  });
});

describe('quarterTurn', () => {
  it('turns the plan clockwise: the entrance on the bottom wall ends up on the left one', () => {
    const turned = quarterTurn(ground);
    expect([turned.width, turned.height]).toEqual([ground.height, ground.width]);
    const main = turned.doors.find((d) => d.id === 'main');
    expect(main && doorMark(main, turned).wall).toBe('left');
  });

  it('gives back the same plan after four turns', () => {
    expect(quarterTurn(quarterTurn(quarterTurn(quarterTurn(ground))))).toEqual(ground);
  });
});
