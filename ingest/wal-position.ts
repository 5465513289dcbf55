import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// Where something is in the write-ahead log: a segment number and a byte offset into it. Segment
// files are named by number, zero-padded so that a directory listing sorts them in order.

export type WalPosition = { segment: number; offset: number };

const SUFFIX = '.wal';

export function segmentFile(dir: string, segment: number): string {
  return join(dir, `${String(segment).padStart(12, '0')}${SUFFIX}`);
}

/** The segment numbers present in `dir`, oldest first. */
export function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(SUFFIX) && /^\d+$/.test(name.slice(0, -SUFFIX.length)))
    .map((name) => Number(name.slice(0, -SUFFIX.length)))
    .sort((a, b) => a - b);
}

/** Negative when `a` is before `b`, zero when equal, positive when after. */
export function comparePositions(a: WalPosition, b: WalPosition): number {
  return a.segment - b.segment || a.offset - b.offset;
}
