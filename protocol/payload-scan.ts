import { type DeskStatePayload, MIN_TS } from './payloads.ts';

// Desk states are most of what ingest decodes, and sensors send them in one compact shape:
// {"occupied":true,"ts":1790000000000,"seq":42}. This reads that shape straight from the bytes, with
// no text decoding and no JSON.parse. It takes only a strict subset of JSON: no whitespace, each of
// the three keys at most once, `occupied` present, integers of at most 15 digits with no sign,
// fraction, exponent or leading zero, and a `ts` zod would accept. Anything else returns undefined
// and goes the long way (JSON.parse, then the fast path, then zod), which decides and words errors.
// payload-scan.test.ts holds it to the long way's answer on every case it generates.

/** 15 digits stay below Number.MAX_SAFE_INTEGER (16 digits), so no digit count needs a range check. */
const MAX_DIGITS = 15;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const OCCUPIED = ascii('"occupied":');
const TS = ascii('"ts":');
const SEQ = ascii('"seq":');
const TRUE = ascii('true');
const FALSE = ascii('false');
const OPEN = 0x7b;
const CLOSE = 0x7d;
const COMMA = 0x2c;
const ZERO = 0x30;

/** The desk-state payload in `bytes`, when it is in the compact shape; undefined otherwise. */
export function scanDeskState(bytes: Uint8Array): DeskStatePayload | undefined {
  const last = bytes.length - 1;
  if (last < 1 || bytes[0] !== OPEN || bytes[last] !== CLOSE) return undefined;
  let occupied: boolean | undefined;
  let ts = -1;
  let seq = -1;
  let at = 1;
  for (;;) {
    if (startsWith(bytes, at, OCCUPIED)) {
      if (occupied !== undefined) return undefined;
      at += OCCUPIED.length;
      if (startsWith(bytes, at, TRUE)) {
        occupied = true;
        at += TRUE.length;
      } else if (startsWith(bytes, at, FALSE)) {
        occupied = false;
        at += FALSE.length;
      } else return undefined;
    } else if (startsWith(bytes, at, TS)) {
      if (ts !== -1) return undefined;
      at += TS.length;
      const end = integerEnd(bytes, at);
      if (end < 0) return undefined;
      ts = integer(bytes, at, end);
      at = end;
    } else if (startsWith(bytes, at, SEQ)) {
      if (seq !== -1) return undefined;
      at += SEQ.length;
      const end = integerEnd(bytes, at);
      if (end < 0) return undefined;
      seq = integer(bytes, at, end);
      at = end;
    } else return undefined;
    if (at === last) break;
    if (bytes[at] !== COMMA) return undefined;
    at += 1;
  }
  if (occupied === undefined || (ts !== -1 && ts < MIN_TS)) return undefined;
  // Built in the order the long way builds it, so both give objects of one shape.
  const payload: DeskStatePayload = { occupied };
  if (ts !== -1) payload.ts = ts;
  if (seq !== -1) payload.seq = seq;
  return payload;
}

function startsWith(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return false;
  return true;
}

/** Where the unsigned JSON integer at `at` ends; -1 when there is none, or it is not one we take. */
function integerEnd(bytes: Uint8Array, at: number): number {
  let end = at;
  while (end < bytes.length && isDigit(bytes[end] as number)) end += 1;
  const digits = end - at;
  if (digits === 0 || digits > MAX_DIGITS) return -1;
  if (digits > 1 && bytes[at] === ZERO) return -1;
  return end;
}

function integer(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + ((bytes[i] as number) - ZERO);
  return value;
}

const isDigit = (byte: number) => byte >= ZERO && byte <= ZERO + 9;
