import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReplayCsv } from './replay-csv.ts';

const WEEK = readFileSync(new URL('./fixtures/calit2-week.data', import.meta.url), 'utf8');

describe('replay CSV', () => {
  it('reads the CalIt2 door file: one row per half hour with its in and out, totals kept', () => {
    const rows = parseReplayCsv(WEEK);
    expect(rows).toHaveLength(336);
    const sum = (key: 'in' | 'out') => rows.reduce((n, r) => n + (r.kind === 'door' ? r[key] : 0), 0);
    expect(sum('in')).toBe(1169);
    expect(sum('out')).toBe(1116);
    expect(rows[1]).toEqual({
      kind: 'door',
      time: { wall: { year: 2005, month: 7, day: 24, hour: 0, minute: 30 } },
      in: 0,
      out: 1,
    });
  });

  it('reads door counts and desk states under a header, in any column order', () => {
    const doors = parseReplayCsv('time,out,in,door\n2025-03-12 09:00,1,4,main\n1741770000000,0,2,garden\n');
    expect(doors).toEqual([
      {
        kind: 'door',
        time: { wall: { year: 2025, month: 3, day: 12, hour: 9, minute: 0 } },
        door: 'main',
        in: 4,
        out: 1,
      },
      { kind: 'door', time: { epoch: 1741770000000 }, door: 'garden', in: 2, out: 0 },
    ]);
    const desks = parseReplayCsv(
      'ts,site,desk,occupied\r\n2025-03-12T09:00:00Z,demo,a-01,1\r\n2025-03-12T09:30:00+01:00,demo,a-01,free',
    );
    expect(desks).toEqual([
      { kind: 'desk', time: { epoch: Date.UTC(2025, 2, 12, 9) }, site: 'demo', desk: 'a-01', occupied: true },
      {
        kind: 'desk',
        time: { epoch: Date.UTC(2025, 2, 12, 8, 30) },
        site: 'demo',
        desk: 'a-01',
        occupied: false,
      },
    ]);
  });

  it('names the line of a bad row', () => {
    expect(() => parseReplayCsv('time,door,in,out\n2025-03-12 09:00,main,4,1\nyesterday,main,1,1')).toThrow(
      /line 3: time/,
    );
    expect(() => parseReplayCsv('time,door,in,out\n2025-03-12 09:00,main,-4,1')).toThrow(
      /line 2: in and out/,
    );
    expect(() => parseReplayCsv('when,what\n1,2')).toThrow(/line 1: the header must name time/);
    expect(() => parseReplayCsv('9,07/24/05,00:00:00,0\n9,7/24/05,00:30:00,1')).toThrow(
      /line 2: not a CalIt2 row/,
    );
  });
});
