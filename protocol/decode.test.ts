import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { decodeMessage, MAX_PAYLOAD_BYTES } from './decode.ts';
import { fastDeskState, fastDoorCount } from './payload-fast-path.ts';
import { deskStatePayloadSchema, doorCountPayloadSchema } from './payloads.ts';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const TS = 1_790_000_000_000;

describe('decodeMessage', () => {
  it('accepts each kind of good message', () => {
    expect(
      decodeMessage('prossima/v1/demo/desk/a-01/state', bytes({ occupied: true, ts: TS, seq: 4 })),
    ).toEqual({
      ok: true,
      message: {
        kind: 'desk-state',
        site: 'demo',
        desk: 'a-01',
        payload: { occupied: true, ts: TS, seq: 4 },
      },
    });
    expect(decodeMessage('prossima/v1/demo/door/main/count', bytes({ in: 2, out: 0 }))).toEqual({
      ok: true,
      message: { kind: 'door-count', site: 'demo', door: 'main', payload: { in: 2, out: 0 } },
    });
    const status = { online: true, battery: 73, rssi: -70, fw: '1.2.0' };
    expect(decodeMessage('prossima/v1/demo/device/ds-a-01/status', bytes(status))).toEqual({
      ok: true,
      message: { kind: 'device-status', site: 'demo', device: 'ds-a-01', payload: status },
    });
    expect(decodeMessage('prossima/v1/demo/device/ds-a-01/status', bytes({ online: false })).ok).toBe(true);
  });

  it('drops fields it does not know instead of refusing a newer firmware', () => {
    const decoded = decodeMessage('prossima/v1/demo/desk/a-01/state', bytes({ occupied: false, temp: 21 }));
    expect(decoded).toMatchObject({ ok: true, message: { payload: { occupied: false } } });
  });

  const bad: Array<[string, string, unknown, RegExp]> = [
    ['a topic outside the contract', 'other/v1/demo/desk/a/state', { occupied: true }, /unknown topic/],
    ['a wrong version', 'prossima/v2/demo/desk/a/state', { occupied: true }, /unknown topic/],
    ['an id with capitals', 'prossima/v1/Demo/desk/a/state', { occupied: true }, /unknown topic/],
    ['an unknown leaf', 'prossima/v1/demo/desk/a/temperature', { occupied: true }, /unknown topic/],
    ['a too deep topic', 'prossima/v1/demo/desk/a/state/x', { occupied: true }, /unknown topic/],
    ['bytes that are not JSON', 'prossima/v1/demo/desk/a/state', '{occupied:', /not valid JSON/],
    ['JSON that is not an object', 'prossima/v1/demo/desk/a/state', '[true]', /payload: .*expected object/],
    ['a missing field', 'prossima/v1/demo/desk/a/state', {}, /^occupied: .*expected boolean/],
    ['a string for a boolean', 'prossima/v1/demo/desk/a/state', { occupied: 'true' }, /^occupied: .*boolean/],
    [
      'a timestamp in seconds',
      'prossima/v1/demo/desk/a/state',
      { occupied: true, ts: 1_790_000_000 },
      /^ts: .*seconds/,
    ],
    [
      'a fractional seq',
      'prossima/v1/demo/desk/a/state',
      { occupied: true, seq: 1.5 },
      /^seq: must be a whole number/,
    ],
    ['a negative count', 'prossima/v1/demo/door/main/count', { in: -1, out: 0 }, /^in: /],
    [
      'a fractional count',
      'prossima/v1/demo/door/main/count',
      { in: 1, out: 0.5 },
      /^out: must be a whole number/,
    ],
    ['a battery over 100', 'prossima/v1/demo/device/d/status', { online: true, battery: 120 }, /^battery: /],
    ['a positive rssi', 'prossima/v1/demo/device/d/status', { online: true, rssi: 5 }, /^rssi: /],
  ];
  for (const [what, topic, payload, reason] of bad) {
    it(`refuses ${what}, saying why`, () => {
      const decoded = decodeMessage(topic, bytes(payload));
      expect(decoded.ok).toBe(false);
      expect(decoded.ok ? '' : decoded.reason).toMatch(reason);
    });
  }

  it('refuses an oversized payload before parsing it', () => {
    const huge = Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20);
    expect(decodeMessage('prossima/v1/demo/desk/a/state', huge)).toEqual({
      ok: false,
      reason: `payload too large: ${MAX_PAYLOAD_BYTES + 1} bytes (max ${MAX_PAYLOAD_BYTES})`,
    });
  });
});

describe('the hand-checked fast path', () => {
  // Every combination of odd and normal values for each field: the fast path must give zod's answer
  // whenever it answers at all (undefined hands the payload to zod).
  const values: unknown[] = [
    true,
    false,
    0,
    1,
    -1,
    2.5,
    1_790_000_000_000,
    946_684_799_999,
    Number.MAX_SAFE_INTEGER + 2,
    '1',
    null,
    undefined,
    [],
    {},
  ];
  const objects = (keys: string[]) => {
    let all: Array<Record<string, unknown>> = [{}];
    for (const key of keys) {
      all = all.flatMap((o) => values.map((v) => (v === undefined ? o : { ...o, [key]: v })));
    }
    return all;
  };

  it('agrees with zod on desk states and door counts', () => {
    type Case = { fast: (json: unknown) => unknown; schema: z.ZodType; json: unknown };
    const desk = (json: unknown): Case => ({ fast: fastDeskState, schema: deskStatePayloadSchema, json });
    const door = (json: unknown): Case => ({ fast: fastDoorCount, schema: doorCountPayloadSchema, json });
    const cases: Case[] = [
      ...objects(['occupied', 'ts', 'seq']).map(desk),
      ...objects(['in', 'out', 'ts']).map(door),
      desk({ occupied: true, extra: 1 }),
      desk(JSON.parse('{"occupied":true,"__proto__":{"x":1}}')),
      door([1, 2]),
      desk('occupied'),
    ];
    let answered = 0;
    for (const { fast, schema, json } of cases) {
      const quick = fast(structuredClone(json));
      if (quick === undefined) continue;
      answered++;
      const slow = schema.safeParse(json);
      expect(slow.success, JSON.stringify(json)).toBe(true);
      expect(quick).toStrictEqual(slow.data);
    }
    // It must also take the common case, or it would only add work.
    expect(answered).toBeGreaterThan(20);
    expect(fastDeskState({ occupied: true, ts: 1_790_000_000_000, seq: 3 })).toEqual({
      occupied: true,
      ts: 1_790_000_000_000,
      seq: 3,
    });
  });

  it('lets zod word the error for anything it does not take', () => {
    const decoded = decodeMessage('prossima/v1/demo/desk/a-01/state', Buffer.from('{"occupied":"yes"}'));
    expect(decoded).toEqual({
      ok: false,
      reason: 'occupied: Invalid input: expected boolean, received string',
    });
  });
});
