import { describe, expect, it } from 'vitest';
import { encodeEntryInto, type WalEntry } from './wal-format.ts';
import { createWalTail } from './wal-tail.ts';

const entry = (i: number): WalEntry => ({
  topic: `t/${i}`,
  payload: Buffer.from(`{"n":${i}}`),
  receivedAt: i,
  retain: i % 3 === 0,
});

/** Records `from` to `to` (exclusive) encoded as one group, as the writer commits them. */
function group(from: number, to: number): Buffer {
  const out = Buffer.alloc(10_000);
  let at = 0;
  for (let i = from; i < to; i++) at += encodeEntryInto(entry(i), out, at);
  return out.subarray(0, at);
}

const size = (i: number) => group(i, i + 1).length;

describe('wal tail', () => {
  it('decodes the records of the groups it holds, and hands out only a run starting where asked', () => {
    const tail = createWalTail(100, 1_000_000);
    // Groups of 1, 2, 3 and 4 records (0–9) back to back in segment 3.
    let offset = 0;
    const starts: number[] = [];
    for (const [from, to] of [
      [0, 1],
      [1, 3],
      [3, 6],
      [6, 10],
    ] as const) {
      for (let i = from; i < to; i++) starts.push(offset + group(from, i).length);
      const bytes = group(from, to);
      tail.add(3, offset, bytes, to - from);
      offset += bytes.length;
    }
    starts.push(offset);
    expect(tail.size()).toBe(10);
    const out: WalEntry[] = [];
    // A position inside a group, not past the stop (record 4 ends past it), across groups.
    const stop = { segment: 3, offset: (starts[5] as number) - 1 };
    expect(tail.take({ segment: 3, offset: starts[1] as number }, stop, 10, out)).toEqual({
      segment: 3,
      offset: starts[4],
    });
    // Not past max; the next take goes on inside the group.
    expect(tail.take({ segment: 3, offset: starts[4] as number }, { segment: 4, offset: 0 }, 5, out)).toEqual(
      { segment: 3, offset: starts[6] },
    );
    expect(tail.take({ segment: 3, offset: starts[6] as number }, { segment: 4, offset: 0 }, 7, out)).toEqual(
      { segment: 3, offset: starts[8] },
    );
    expect(out).toEqual([1, 2, 3, 4, 5, 6, 7].map(entry));
    expect(tail.size()).toBe(2);
    // Anywhere else: not here.
    expect(tail.take({ segment: 3, offset: 1 }, { segment: 4, offset: 0 }, 8, out)).toBeUndefined();
    expect(tail.take({ segment: 2, offset: 0 }, { segment: 4, offset: 0 }, 8, out)).toBeUndefined();
  });

  it('drops whole groups, oldest first, past its byte or record limit', () => {
    const bySize = createWalTail(100, 3 * size(5));
    const byCount = createWalTail(3, 1_000_000);
    let offset = 0;
    for (let i = 0; i < 10; i++) {
      const bytes = group(i, i + 1);
      bySize.add(1, offset, bytes, 1);
      byCount.add(1, offset, bytes, 1);
      offset += bytes.length;
    }
    for (const tail of [bySize, byCount]) {
      expect(tail.size()).toBe(3);
      const out: WalEntry[] = [];
      const at = offset - 3 * size(5);
      expect(
        tail.take({ segment: 1, offset: at - size(5) }, { segment: 2, offset: 0 }, 10, out),
      ).toBeUndefined();
      expect(tail.take({ segment: 1, offset: at }, { segment: 2, offset: 0 }, 10, out)).toEqual({
        segment: 1,
        offset,
      });
      expect(out).toEqual([7, 8, 9].map(entry));
    }
  });
});
