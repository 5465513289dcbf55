import { describe, expect, it } from 'vitest';
import { freeDeskRows } from './free-desk-rows.ts';
import type { FreeDesks } from './free-desks-schema.ts';

const desk = (label: string, freeForMs: number | null) => ({
  id: label.toLowerCase(),
  label,
  freeSince: freeForMs === null ? null : 1_000_000 - freeForMs,
  freeForMs,
  usuallyFreeUntil: null,
});

const answer: FreeDesks = {
  site: 'demo',
  at: 1_000_000,
  free: 5,
  zones: [
    {
      id: 'open-a',
      name: 'Open space A',
      floor: 'ground',
      kind: 'open-space',
      free: 3,
      desks: [desk('A2', 60_000), desk('A10', 600_000), desk('A9', null)],
    },
    {
      id: 'quiet',
      name: 'Quiet',
      floor: 'first',
      kind: 'quiet-room',
      free: 2,
      desks: [desk('Q1', 300_000), desk('Q2', 60_000)],
    },
  ],
};

describe('free desk rows', () => {
  it('puts the desk free the longest first and the unknown ones last', () => {
    expect(freeDeskRows(answer, undefined, 0).map((r) => r.label)).toEqual(['A10', 'Q1', 'A2', 'Q2', 'A9']);
  });

  it('keeps only the chosen zone', () => {
    const rows = freeDeskRows(answer, 'quiet', 0);
    expect(rows.map((r) => [r.label, r.zoneName, r.floor])).toEqual([
      ['Q1', 'Quiet', 'first'],
      ['Q2', 'Quiet', 'first'],
    ]);
  });

  it('counts "free for" on from when the answer arrived', () => {
    const [first] = freeDeskRows(answer, 'open-a', 90_000);
    expect(first?.freeForMs).toBe(690_000);
    expect(freeDeskRows(answer, 'open-a', 90_000).at(-1)?.freeForMs).toBeNull();
  });

  it('lists nothing for a zone without free desks or an unknown zone', () => {
    expect(freeDeskRows(answer, 'nowhere', 0)).toEqual([]);
  });
});
