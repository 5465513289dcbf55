// A small seeded generator for the deriver's tests: the same seed gives the same made-up day of
// events every run, so a failure can be replayed. A linear congruential generator is enough here.

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}
