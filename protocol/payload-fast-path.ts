import { type DeskStatePayload, type DoorCountPayload, MIN_TS } from './payloads.ts';

// Ingest decodes every message, and zod's safeParse is most of that cost. The two payloads sensors send
// all day are checked here by hand first; anything this does not recognise (a missing or odd field, an
// unknown key) returns undefined and goes to zod, which accepts the same set and words the errors.
// decode.test.ts holds this to zod's answer on every case it generates.

const isTimestamp = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= MIN_TS;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) return false;
  return true;
}

const DESK_KEYS = ['occupied', 'ts', 'seq'] as const;
const DOOR_KEYS = ['in', 'out', 'ts', 'seq'] as const;

export function fastDeskState(json: unknown): DeskStatePayload | undefined {
  if (!isPlainObject(json) || !onlyKeys(json, DESK_KEYS) || typeof json.occupied !== 'boolean')
    return undefined;
  const payload: DeskStatePayload = { occupied: json.occupied };
  return withStamp(payload, json);
}

export function fastDoorCount(json: unknown): DoorCountPayload | undefined {
  if (!isPlainObject(json) || !onlyKeys(json, DOOR_KEYS) || !isCount(json.in) || !isCount(json.out)) {
    return undefined;
  }
  const payload: DoorCountPayload = { in: json.in, out: json.out };
  return withStamp(payload, json);
}

function withStamp<P extends { ts?: number; seq?: number }>(
  payload: P,
  json: Record<string, unknown>,
): P | undefined {
  if (json.ts !== undefined) {
    if (!isTimestamp(json.ts)) return undefined;
    payload.ts = json.ts;
  }
  if (json.seq !== undefined) {
    if (!isCount(json.seq)) return undefined;
    payload.seq = json.seq;
  }
  return payload;
}
