import { describe, expect, it } from 'vitest';
import {
  encodePoint,
  escapeKey,
  escapeMeasurement,
  LineProtocolError,
  quoteString,
} from './line-protocol.ts';

describe('line protocol', () => {
  it('escapes commas and spaces in measurements, but not equals signs', () => {
    expect(escapeMeasurement('desk state,x=1')).toBe('desk\\ state\\,x=1');
  });

  it('escapes commas, equals signs and spaces in tag keys and values', () => {
    expect(escapeKey('a,b=c d')).toBe('a\\,b\\=c\\ d');
    expect(escapeKey(`it's "quoted" é 🙂`)).toBe(`it's\\ "quoted"\\ é\\ 🙂`);
    // A backslash before an ordinary character is literal in tags and stays as it is.
    expect(escapeKey('a\\b')).toBe('a\\b');
  });

  it('refuses tag values line protocol cannot carry', () => {
    for (const hostile of ['a\nb', 'a\rb', 'ends\\', 'a\\,b', 'a\\ b', 'a\\=b']) {
      expect(() => escapeKey(hostile)).toThrow(LineProtocolError);
    }
  });

  it('quotes string fields, escaping double quotes and backslashes only', () => {
    expect(quoteString('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
    expect(quoteString("line\nbreak, comma=equals 'single'")).toBe('"line\nbreak, comma=equals \'single\'"');
    expect(quoteString('\\"')).toBe('"\\\\\\""');
  });

  it('encodes a point with sorted tags, typed fields and the time', () => {
    const line = encodePoint({
      measurement: 'desk_state',
      tags: { site: 'hq', desk: 'a 01', zone: 'open,a' },
      fields: {
        occupied: { int: 1 },
        battery: { float: 87.5 },
        fw: { string: '1.4 "beta"' },
        ok: { bool: false },
      },
      time: '1700000000000',
    });
    expect(line).toBe(
      'desk_state,desk=a\\ 01,site=hq,zone=open\\,a occupied=1i,battery=87.5,fw="1.4 \\"beta\\"",ok=false 1700000000000',
    );
  });

  it('leaves out null fields and empty tags, which InfluxDB cannot store', () => {
    const line = encodePoint({
      measurement: 'm',
      tags: { site: 'hq', zone: '' },
      fields: { seq: null, rssi: undefined, in: { int: 0 }, battery: { float: 80 } },
      time: '5',
    });
    expect(line).toBe('m,site=hq in=0i,battery=80 5');
  });

  it('refuses points it cannot write faithfully', () => {
    const point = { measurement: 'm', tags: {}, time: '1' };
    expect(() => encodePoint({ ...point, fields: {} })).toThrow(/no fields/);
    expect(() => encodePoint({ ...point, fields: { seq: null } })).toThrow(/no fields/);
    expect(() => encodePoint({ ...point, fields: { n: { int: 1.5 } } })).toThrow(/not an integer/);
    expect(() => encodePoint({ ...point, fields: { n: { float: Number.NaN } } })).toThrow(/finite/);
    expect(() => encodePoint({ ...point, fields: { n: { int: 1 } }, time: '1 OR 1' })).toThrow(/time/);
  });
});
