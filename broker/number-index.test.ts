import { describe, expect, it } from 'vitest';
import { NumberIndex } from './number-index.ts';

// The index must answer as a Map does, through growth, deletions that move entries back, a backlog
// that drains (the table shrinks), keys past 2^32, keys that share their low bits, and `undefined`.

/** Numbers in [0, 1) that look random enough to shuffle acknowledgements, and repeat run to run. */
function sequence(seed: number): () => number {
  let n = seed;
  return () => {
    n += 1;
    return (Math.imul(n, 0x9e3779b1) >>> 0) / 2 ** 32;
  };
}

function expectSame(
  index: NumberIndex<string>,
  map: Map<number | undefined, string>,
  keys: Iterable<number | undefined>,
) {
  expect(index.size).toBe(map.size);
  for (const key of keys) expect(index.get(key)).toBe(map.get(key));
}

describe('NumberIndex', () => {
  const keyings: Array<[string, (n: number) => number]> = [
    ['consecutive counters', (n) => n],
    ['counters past 2^32', (n) => 2 ** 33 + n],
    ['keys sharing their low 16 bits', (n) => n * 65_536],
    ['message ids that wrap', (n) => (n % 300) + 1],
  ];
  for (const [name, keyOf] of keyings) {
    it(`answers as a Map does for ${name}, a window of keys in flight`, () => {
      const random = sequence(name.length * 1000);
      const index = new NumberIndex<string>();
      const map = new Map<number | undefined, string>();
      const live: number[] = [];
      let next = 0;
      for (let step = 0; step < 20_000; step++) {
        // The window grows to 3,000 keys (three sends to one acknowledgement), then drains to 50;
        // acknowledgements mostly oldest first, some out of order.
        const want = step < 10_000 ? 3_000 : 50;
        if (live.length < want && step % 4 !== 3) {
          const key = keyOf(next++);
          const value = `v${step}`;
          index.set(key, value);
          map.set(key, value);
          live.push(key);
        } else if (live.length > 0) {
          const at = random() < 0.8 ? 0 : Math.floor(random() * live.length);
          const [key] = live.splice(at, 1) as [number];
          expect(index.delete(key)).toBe(map.delete(key));
        }
        if (step % 997 === 0) expectSame(index, map, [...live, keyOf(next), keyOf(next + 1)]);
      }
      expectSame(index, map, live);
      expect(index.delete(keyOf(next + 5))).toBe(false);
    });
  }

  it('keeps a value under `undefined` apart from every number', () => {
    const index = new NumberIndex<string>();
    index.set(undefined, 'none');
    index.set(0, 'zero');
    expect([index.get(undefined), index.get(0), index.size]).toEqual(['none', 'zero', 2]);
    for (let i = 1; i < 100; i++) index.set(i, `n${i}`);
    expect(index.get(undefined)).toBe('none');
    expect(index.delete(undefined)).toBe(true);
    expect(index.delete(undefined)).toBe(false);
    expect([index.get(undefined), index.get(0), index.size]).toEqual([undefined, 'zero', 100]);
  });

  it('replaces the value under a key it holds', () => {
    const index = new NumberIndex<string>();
    index.set(7, 'a');
    index.set(7, 'b');
    expect([index.get(7), index.size]).toEqual(['b', 1]);
  });
});
