// The heatmap's colours: one sequential blue scale (ColorBrewer Blues), read by lightness alone, so
// it holds for every kind of colour blindness; text turns white where the cell is dark (AA contrast).

const STEPS = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#2171b5', '#08306b'] as const;
const DARK_FROM = 5;

export type HeatColour = { step: number; background: string; foreground: string };

/** The top of the scale: the highest value rounded up to a tenth, at least 10%. */
export function heatMax(values: readonly number[]): number {
  const top = Math.max(0.1, ...values);
  return Math.min(1, Math.ceil(top * 10 - 1e-9) / 10);
}

/**
 * @example heatColour(0.5, 1) // { step: 3, background: '#9ecae1', foreground: '#1b2430' }
 */
export function heatColour(value: number, max: number): HeatColour {
  const step = Math.max(0, Math.min(STEPS.length - 1, Math.floor((value / max) * STEPS.length)));
  return {
    step,
    background: STEPS[step] ?? STEPS[0],
    foreground: step >= DARK_FROM ? '#ffffff' : '#1b2430',
  };
}

/** One swatch per step with the values it covers, for the legend. */
export function heatLegend(max: number): Array<HeatColour & { from: number; to: number }> {
  return STEPS.map((_, step) => ({
    ...heatColour(((step + 0.5) * max) / STEPS.length, max),
    from: (step * max) / STEPS.length,
    to: ((step + 1) * max) / STEPS.length,
  }));
}
