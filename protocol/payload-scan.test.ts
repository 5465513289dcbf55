import { describe, expect, it } from 'vitest';
import { fastDeskState } from './payload-fast-path.ts';
import { scanDeskState } from './payload-scan.ts';
import { deskStatePayloadSchema } from './payloads.ts';

// Every payload text built below from odd and normal pieces: where the scan answers, JSON.parse
// must read the text, and the long way (the fast path, and zod) must give the very same payload.

const VALUES: Record<string, string[]> = {
  occupied: ['true', 'false', '1', '"true"', 'null', 'tru'],
  ts: [
    '1790000000000',
    '946684800000',
    '946684799999',
    '0',
    '01790000000000',
    '-1790000000000',
    '1790000000000.0',
    '1.79e12',
    '999999999999999',
    '1000000000000000',
    '9007199254740993',
    '"1790000000000"',
  ],
  seq: ['0', '1', '42', '-0', '-1', '00', '07', '1.5', '1e2', '123456789012345', '1234567890123456', 'null'],
  extra: ['1'],
};

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

function subsets<T>(items: T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const s of all.slice()) all.push([...s, item]);
  return all;
}

/** Member lists: every order of every subset of keys, each key with every one of its values. */
function memberLists(): string[][] {
  const lists: string[][] = [];
  for (const keys of subsets(['occupied', 'ts', 'seq', 'extra'])) {
    for (const order of permutations(keys)) {
      let partial: string[][] = [[]];
      for (const key of order) {
        partial = partial.flatMap((members) =>
          (VALUES[key] ?? []).map((value) => [...members, `"${key}":${value}`]),
        );
      }
      lists.push(...partial);
    }
  }
  return lists;
}

function texts(): string[] {
  const out: string[] = [];
  for (const members of memberLists()) {
    out.push(`{${members.join(',')}}`);
    // Each also with whitespace, with a key twice, cut short, and with a trailing comma.
    if (members.length > 0 && members.length < 3) {
      out.push(`{ ${members.join(', ')} }`);
      out.push(`{${[...members, members[0]].join(',')}}`);
      out.push(`{${members.join(',')}`);
      out.push(`{${members.join(',')},}`);
    }
  }
  return out.concat([
    '{}',
    '',
    '[]',
    'null',
    '{"occupied":true}x',
    '{"occupied":true}}',
    '{"occupied":\ttrue}',
  ]);
}

describe('scanDeskState', () => {
  it('gives exactly what JSON.parse, the fast path and zod give, wherever it answers', () => {
    let answered = 0;
    const all = texts();
    for (const text of all) {
      const scanned = scanDeskState(Buffer.from(text));
      if (scanned === undefined) continue;
      answered++;
      const json = JSON.parse(text);
      expect(scanned, text).toStrictEqual(fastDeskState(json));
      const slow = deskStatePayloadSchema.safeParse(json);
      expect(slow.success, text).toBe(true);
      expect(scanned, text).toStrictEqual(slow.data);
    }
    // Each accepted shape: occupied (2 values) with ts (3 takeable) and seq (4) in any order.
    expect(all.length).toBeGreaterThan(30_000);
    expect(answered).toBe(2 + 2 * 2 * 3 + 2 * 2 * 4 + 2 * 6 * 3 * 4);
  });

  it('reads the compact shape sensors send', () => {
    const sent = { occupied: true, ts: 1_790_000_000_000, seq: 42 };
    expect(scanDeskState(Buffer.from(JSON.stringify(sent)))).toStrictEqual(sent);
    expect(scanDeskState(Buffer.from('{"seq":0,"occupied":false}'))).toStrictEqual({
      occupied: false,
      seq: 0,
    });
  });
});
