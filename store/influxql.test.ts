import { describe, expect, it } from 'vitest';
import { InfluxQL, ident, influxql, integer, join, literal, millis, qualified } from './influxql.ts';

describe('influxql', () => {
  it('quotes string literals, escaping backslashes, quotes and line breaks', () => {
    expect(literal(`x' OR '1'='1`).text).toBe(`'x\\' OR \\'1\\'=\\'1'`);
    expect(literal('ends\\').text).toBe(`'ends\\\\'`);
    expect(literal('a\nb; DROP MEASUREMENT m').text).toBe(`'a\\nb; DROP MEASUREMENT m'`);
    expect(literal('say "hi"').text).toBe(`'say \\"hi\\"'`);
  });

  it('quotes identifiers the same way, so keywords and hostile names are names', () => {
    expect(ident('in').text).toBe('"in"');
    expect(ident(`a" OR "1"="1`).text).toBe(`"a\\" OR \\"1\\"=\\"1"`);
    expect(qualified(undefined, 'desk_state').text).toBe('"desk_state"');
    expect(qualified('rp"x', 'desk_state').text).toBe('"rp\\"x"."desk_state"');
  });

  it('lets only safe integers in as numbers', () => {
    expect(millis(1_700_000_000_000).text).toBe('1700000000000ms');
    expect(integer(-3).text).toBe('-3');
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(() => integer(bad)).toThrow(TypeError);
    }
  });

  it('puts strings in as literals and fragments as they are', () => {
    const site = `hq'; DROP MEASUREMENT desk_state; --`;
    const q = influxql`SELECT ${join([ident('occupied'), ident('desk')])} FROM ${ident('desk_state')} WHERE ${ident('site')} = ${site} LIMIT ${10}`;
    expect(q.text).toBe(
      `SELECT "occupied", "desk" FROM "desk_state" WHERE "site" = 'hq\\'; DROP MEASUREMENT desk_state; --' LIMIT 10`,
    );
    expect(String(influxql`a${new InfluxQL('b')}c`)).toBe('abc');
  });

  it('refuses values that are neither fragments, strings nor safe integers', () => {
    expect(() => influxql`LIMIT ${0.5}`).toThrow(TypeError);
    expect(() => influxql`x = ${{ text: 'evil' } as unknown as string}`).toThrow(TypeError);
  });
});
