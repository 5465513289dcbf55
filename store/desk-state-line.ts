import { encodePoint, LineProtocolError } from './line-protocol.ts';
import type { DeskStateRecord } from './records.ts';
import type { ByteLine } from './write-body.ts';

// Desk states are most of what InfluxDB is sent, one line per event. Built as template strings, each
// line was a rope of its pieces and two number-to-string conversions, flattened again to be written
// into the body: about half a µs and half a kilobyte of garbage per event at full rate. A desk-state
// line instead writes its bytes straight into the body: the series key, escaped once per desk and
// kept as bytes, then the fields and time as ASCII digits. Its text is made only when asked for (a
// refused write names lines by their text).

/** The measurement of desk states (the schema: store/influx-store.ts). */
export const DESK_STATE = 'desk_state';
/** Bytes after `key occupied=`, at most: `1i,seq=`, a seq, `i `, a time (signed, 16 digits each). */
const TAIL_BYTES = '1i,seq='.length + 17 + 'i '.length + 17;

/** A desk's series key (measurement and tags), as text and as the bytes of `key occupied=`. */
type SeriesKey = { floor: string; zone: string; text: string; head: Buffer };

/**
 * Each desk's series key, escaped once and kept per site and desk, for up to 100,000 desks; then the
 * keeping starts over. A desk's floor or zone changing (a site model edit) makes its key again.
 */
export function createDeskKeys() {
  const sites = new Map<string, Map<string, SeriesKey>>();
  let size = 0;
  return (r: DeskStateRecord): SeriesKey => {
    let desks = sites.get(r.site);
    const known = desks?.get(r.desk);
    if (known && known.floor === r.floor && known.zone === r.zone) return known;
    const line = encodePoint({
      measurement: DESK_STATE,
      tags: { site: r.site, floor: r.floor, zone: r.zone, desk: r.desk },
      fields: { occupied: { int: 0 } },
      time: '0',
    });
    const text = line.slice(0, line.length - ' occupied=0i 0'.length);
    const key = { floor: r.floor, zone: r.zone, text, head: Buffer.from(`${text} occupied=`) };
    if (size >= 100_000) {
      sites.clear();
      size = 0;
      desks = undefined;
    }
    if (!desks) {
      desks = new Map();
      sites.set(r.site, desks);
    }
    if (!desks.has(r.desk)) size += 1;
    desks.set(r.desk, key);
    return key;
  };
}

export type DeskKeys = ReturnType<typeof createDeskKeys>;

/** The line of a desk state; refuses a time or seq that is not a safe integer, as encodePoint does. */
export function deskStateLine(r: DeskStateRecord, keys: DeskKeys): DeskStateLine {
  if (!Number.isSafeInteger(r.ts)) throw new LineProtocolError(`time is not an integer: ${r.ts}`);
  if (r.seq !== null && !Number.isSafeInteger(r.seq)) {
    throw new LineProtocolError(`field seq is not an integer: ${r.seq}`);
  }
  return new DeskStateLine(keys(r), r.occupied, r.seq, r.ts);
}

export class DeskStateLine implements ByteLine {
  readonly maxBytes: number;
  constructor(
    private readonly key: SeriesKey,
    private readonly occupied: boolean,
    private readonly seq: number | null,
    private readonly ts: number,
  ) {
    this.maxBytes = key.head.length + TAIL_BYTES;
  }

  writeTo(out: Buffer, at: number): number {
    const { head } = this.key;
    out.set(head, at);
    let i = at + head.length;
    out[i++] = this.occupied ? 0x31 : 0x30;
    out[i++] = 0x69; // i
    if (this.seq !== null) {
      out.set(SEQ, i);
      i = writeInteger(out, i + SEQ.length, this.seq);
      out[i++] = 0x69; // i
    }
    out[i++] = 0x20;
    return writeInteger(out, i, this.ts);
  }

  toString(): string {
    const seq = this.seq === null ? '' : `,seq=${this.seq}i`;
    return `${this.key.text} occupied=${this.occupied ? 1 : 0}i${seq} ${this.ts}`;
  }
}

const SEQ = Buffer.from(',seq=');

/**
 * Writes a safe integer as ASCII digits at `at`; returns where it ends. Exact: below 2^53, n / 10 is
 * rounded by far less than the tenth between its value and the next integer, so its floor is the
 * true quotient (the test checks it against String on thousands of values).
 */
export function writeInteger(out: Buffer, at: number, n: number): number {
  let i = at;
  let v = n;
  if (v < 0) {
    out[i++] = 0x2d;
    v = -v;
  }
  const end = i + integerDigits(v);
  for (let d = end - 1; d >= i; d -= 1) {
    const q = Math.floor(v / 10);
    out[d] = 0x30 + (v - q * 10);
    v = q;
  }
  return end;
}

/** How many digits `writeInteger` writes for a non-negative integer (the sign not counted). */
export function integerDigits(n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  return digits;
}
