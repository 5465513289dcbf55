import { describe, expect, it } from 'vitest';
import { ArenaPool } from './wal-arenas.ts';

describe('wal arenas', () => {
  it('uses an arena again only once the writer moved on and the tail let go of every group in it', () => {
    const pool = new ArenaPool(1024, 4);
    const first = pool.take(100);
    first.hold();
    first.hold();
    first.retire();
    expect(pool.take(100).bytes).not.toBe(first.bytes);
    first.release();
    expect(pool.counts().unused).toBe(0);
    first.release();
    expect(pool.counts().unused).toBe(1);
    expect(pool.take(100).bytes).toBe(first.bytes);
    expect(pool.counts()).toEqual({ made: 2, unused: 0 });
  });

  it('keeps no arena the writer still appends to, however often the tail lets go', () => {
    const pool = new ArenaPool(1024, 4);
    const current = pool.take(100);
    current.hold();
    current.release();
    expect(pool.counts().unused).toBe(0);
    current.retire();
    expect(pool.counts().unused).toBe(1);
  });

  it('leaves outsized arenas and those past its spares to the garbage collector', () => {
    const pool = new ArenaPool(1024, 2);
    const big = pool.take(5000);
    expect(big.bytes.length).toBe(5000);
    big.retire();
    expect(pool.counts().unused).toBe(0);
    const arenas = [pool.take(10), pool.take(10), pool.take(10)];
    for (const arena of arenas) arena.retire();
    expect(pool.counts()).toEqual({ made: 4, unused: 2 });
    // An unused arena serves requests up to its size only.
    expect(pool.take(2000).bytes.length).toBe(2000);
    expect(pool.counts().unused).toBe(2);
  });
});
