import { describe, expect, it } from 'vitest';
import { createWalTail } from './wal-tail.ts';

const entry = (i: number) => ({ topic: `t/${i}`, payload: Buffer.alloc(0), receivedAt: i, retain: false });

describe('wal tail', () => {
  it('keeps the newest records within its count and byte limits, and hands out only a run starting where asked', () => {
    const tail = createWalTail(100, 5_000);
    // Ten records of 1,000 bytes in segment 3: only the last five fit in 5,000 bytes.
    for (let i = 0; i < 10; i++) tail.add(3, i * 1000, (i + 1) * 1000, entry(i));
    expect(tail.size()).toBe(5);
    const out: ReturnType<typeof entry>[] = [];
    // The oldest were dropped: the reader must read them from the files.
    expect(tail.take({ segment: 3, offset: 0 }, { segment: 3, offset: 10_000 }, 10, out)).toBeUndefined();
    // Not past the stop, not past max.
    expect(tail.take({ segment: 3, offset: 5000 }, { segment: 3, offset: 7500 }, 10, out)).toEqual({
      segment: 3,
      offset: 7000,
    });
    expect(tail.take({ segment: 3, offset: 7000 }, { segment: 4, offset: 0 }, 3, out)).toEqual({
      segment: 3,
      offset: 8000,
    });
    expect(out.map((e) => e.receivedAt)).toEqual([5, 6, 7]);
    expect(tail.size()).toBe(2);
  });

  it('drops by count too', () => {
    const tail = createWalTail(3, 1_000_000);
    for (let i = 0; i < 10; i++) tail.add(1, i * 10, (i + 1) * 10, entry(i));
    const out: ReturnType<typeof entry>[] = [];
    expect(tail.take({ segment: 1, offset: 70 }, { segment: 1, offset: 100 }, 10, out)).toEqual({
      segment: 1,
      offset: 100,
    });
    expect(out.map((e) => e.receivedAt)).toEqual([7, 8, 9]);
  });
});
