import { describe, expect, it } from 'vitest';
import { createDeskKeys, deskStateLine, writeInteger } from './desk-state-line.ts';
import { encodePoint } from './line-protocol.ts';
import type { DeskStateRecord } from './records.ts';
import { encodeLines } from './write-body.ts';

const record = (over: Partial<DeskStateRecord> = {}): DeskStateRecord => ({
  site: 'hq',
  floor: 'ground',
  zone: 'open space',
  desk: 'd-01',
  ts: 1_790_000_000_123,
  occupied: true,
  seq: 42,
  ...over,
});

/** The line as the generic encoder writes it: what the byte line must match. */
const reference = (r: DeskStateRecord) =>
  encodePoint({
    measurement: 'desk_state',
    tags: { site: r.site, floor: r.floor, zone: r.zone, desk: r.desk },
    fields: { occupied: { int: r.occupied ? 1 : 0 }, seq: r.seq === null ? null : { int: r.seq } },
    time: String(r.ts),
  });

const bytesOf = (line: ReturnType<typeof deskStateLine>) => {
  const out = Buffer.alloc(line.maxBytes);
  const end = line.writeTo(out, 0);
  return out.subarray(0, end).toString('utf8');
};

describe('desk-state line', () => {
  it('writes the bytes the generic encoder writes, escaping included, with and without seq', () => {
    const keys = createDeskKeys();
    const records = [
      record(),
      record({ occupied: false, seq: null }),
      record({ site: 'a,b', zone: 'x=y', desk: 'd 2', seq: 0, ts: 946_684_800_000 }),
      record({ seq: Number.MAX_SAFE_INTEGER, ts: Number.MAX_SAFE_INTEGER }),
      // The longest a line gets: bytesOf gives it exactly maxBytes, so a short count would cut it.
      record({ seq: -Number.MAX_SAFE_INTEGER, ts: -Number.MAX_SAFE_INTEGER }),
      record({ zone: 'Città' }),
    ];
    for (const r of records) {
      const line = deskStateLine(r, keys);
      expect(bytesOf(line)).toBe(reference(r));
      expect(String(line)).toBe(reference(r));
    }
  });

  it('makes a desk its key again when its zone or floor changes', () => {
    const keys = createDeskKeys();
    expect(String(deskStateLine(record(), keys))).toContain('zone=open\\ space');
    const moved = record({ zone: 'quiet', floor: 'first' });
    expect(bytesOf(deskStateLine(moved, keys))).toBe(reference(moved));
  });

  it('refuses a time or seq that is not a safe integer, naming it', () => {
    const keys = createDeskKeys();
    expect(() => deskStateLine(record({ ts: 1.5 }), keys)).toThrow(/time is not an integer: 1.5/);
    expect(() => deskStateLine(record({ seq: 2 ** 53 }), keys)).toThrow(/seq is not an integer/);
  });

  it('sits in a body among text lines, in the order asked for', () => {
    const keys = createDeskKeys();
    const lines = ['door_count,site=hq in=1i 5', deskStateLine(record(), keys), 'last 7'];
    expect(encodeLines(lines, [1, 0, 2]).toString('utf8')).toBe(
      [reference(record()), lines[0], lines[2]].join('\n'),
    );
  });
});

describe('writeInteger', () => {
  it('writes every safe integer as String() does', () => {
    const edges = [
      0,
      1,
      9,
      10,
      11,
      99,
      100,
      101,
      999_999,
      1_000_000,
      2 ** 31,
      2 ** 32,
      10 ** 15,
      10 ** 15 - 1,
    ];
    const random = Array.from({ length: 5_000 }, (_, i) =>
      Math.floor((i % 2 === 0 ? Math.random() : Math.random() ** 8) * Number.MAX_SAFE_INTEGER),
    );
    const all = [...edges, Number.MAX_SAFE_INTEGER, ...random];
    const out = Buffer.alloc(32);
    for (const n of [...all, ...all.map((v) => -v)]) {
      const end = writeInteger(out, 3, n);
      expect(out.toString('latin1', 3, end)).toBe(String(n));
    }
  });
});
