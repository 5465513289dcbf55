import { parseSite, type Site } from '../protocol/index.ts';

// A large made-up site for load: `desks` desks in zones of 50 on one floor, and two doors. Shared by
// the ingest benchmark and the ingest end-to-end tests.

export function loadSite(id: string, desks: number): Site {
  const zones = Array.from({ length: Math.ceil(desks / 50) }, (_, z) => ({
    id: `z-${z}`,
    name: `Zone ${z}`,
    capacity: 50,
    desks: Array.from({ length: Math.min(50, desks - z * 50) }, (_, d) => ({
      id: deskId(z * 50 + d),
      label: `D${z * 50 + d}`,
      x: d,
      y: z,
    })),
  }));
  return parseSite({
    id,
    name: `Load ${id}`,
    timezone: 'Europe/Rome',
    capacity: desks,
    openingHours: {},
    floors: [
      {
        id: 'ground',
        name: 'Ground',
        level: 0,
        width: 100,
        height: 100,
        zones,
        doors: [
          { id: 'main', label: 'Main', x: 0, y: 0 },
          { id: 'back', label: 'Back', x: 99, y: 99 },
        ],
      },
    ],
  });
}

export function deskId(i: number): string {
  return `d-${i}`;
}
