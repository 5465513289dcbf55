import { describe, expect, it } from 'vitest';
import { heatColour, heatLegend, heatMax } from './heat-scale.ts';

describe('heat scale', () => {
  it('tops the scale at the busiest value rounded up to a tenth', () => {
    expect(heatMax([0.12, 0.41])).toBe(0.5);
    expect(heatMax([0.4])).toBe(0.4);
    expect(heatMax([])).toBe(0.1);
  });

  it('darkens with the value and keeps text readable on dark cells', () => {
    expect(heatColour(0, 0.5).step).toBe(0);
    expect(heatColour(0.5, 0.5)).toEqual({ step: 6, background: '#08306b', foreground: '#ffffff' });
    expect(heatColour(0.1, 0.5).foreground).toBe('#1b2430');
  });

  it('gives a legend swatch per step covering the whole scale', () => {
    const legend = heatLegend(0.7);
    expect(legend).toHaveLength(7);
    expect(legend.map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(legend.at(-1)?.to).toBeCloseTo(0.7);
  });
});
