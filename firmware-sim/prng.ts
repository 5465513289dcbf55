/** A source of uniform numbers in [0, 1); every random choice the simulator makes goes through one. */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG, good enough for simulation and, unlike Math.random, replayable from a seed.
 * @example const random = mulberry32(42); random(); // 0.6011037519201636
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A seed for an independent stream, so that adding draws in one part (say device telemetry) never shifts the
 * sequence of another (the occupancy of a site). FNV-1a over the label, mixed with the seed.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A fresh seed for runs that did not ask for one; the handle reports it so a run can be replayed. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4_294_967_296);
}

export function between(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

/** Picks by weight; weights need not sum to 1. */
export function pickWeighted<T>(
  random: Random,
  items: readonly T[],
  weight: (item: T, index: number) => number,
): T {
  const weights = items.map(weight);
  let roll = random() * weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i] ?? 0;
    if (roll < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}
