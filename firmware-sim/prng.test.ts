import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, pickWeighted } from './prng.ts';

const draw = (seed: number, n = 5) => Array.from({ length: n }, mulberry32(seed));

describe('prng', () => {
  it('replays the same numbers from the same seed, and others from another', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const x of draw(7, 1000)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('derives independent streams per label', () => {
    expect(deriveSeed(1, 'occupancy:demo')).toBe(deriveSeed(1, 'occupancy:demo'));
    expect(deriveSeed(1, 'occupancy:demo')).not.toBe(deriveSeed(1, 'telemetry:demo'));
    expect(deriveSeed(1, 'occupancy:demo')).not.toBe(deriveSeed(2, 'occupancy:demo'));
  });

  it('picks by weight', () => {
    const random = mulberry32(3);
    const picks = Array.from({ length: 3000 }, () =>
      pickWeighted(random, ['a', 'b'], (_, i) => (i === 0 ? 3 : 1)),
    );
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });
});
