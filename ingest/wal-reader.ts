import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Logger } from 'pino';
import { decodeEntries, type WalEntry } from './wal-format.ts';
import { comparePositions, listSegments, segmentFile, type WalPosition } from './wal-position.ts';
import type { WalTail } from './wal-tail.ts';

// The reading side of the log: a cursor that hands out batches of records read from the files, so
// memory holds one batch however far the store is behind. A record cut short or scrambled at the end
// of an older segment (torn by a crash or a power cut) is skipped with the rest of that segment, and
// counted.

export type WalReaderOptions = {
  dir: string;
  /** The first record to read; the oldest segment's start when undefined. */
  from?: WalPosition | undefined;
  /** The writer's end: records before it are whole. */
  writerEnd: () => WalPosition;
  chunkBytes?: number;
  /** Records the writer kept in memory: taken from there when the reader reaches them. */
  tail?: WalTail | undefined;
  logger: Logger;
};

export type WalBatch = { entries: WalEntry[]; end: WalPosition };

export type WalReader = ReturnType<typeof openWalReader>;

export function openWalReader(options: WalReaderOptions) {
  const { dir, logger } = options;
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  let position = options.from ?? { segment: listSegments(dir)[0] ?? 0, offset: 0 };
  let fd: number | undefined;
  let torn = 0;

  const fileOf = (segment: number) => segmentFile(dir, segment);

  function open(): number | undefined {
    if (fd !== undefined) return fd;
    if (!existsSync(fileOf(position.segment))) return undefined;
    fd = openSync(fileOf(position.segment), 'r');
    return fd;
  }

  function nextSegment(): boolean {
    const next = listSegments(dir).find((segment) => segment > position.segment);
    if (next === undefined) return false;
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    position = { segment: next, offset: 0 };
    return true;
  }

  function skipTorn(limit: number, why: string): void {
    torn += 1;
    logger.warn({ segment: position.segment, offset: position.offset, why }, 'skipping a torn wal record');
    position = { ...position, offset: limit };
  }

  return {
    /**
     * Reads up to `max` records, stopping at `until` (exclusive) when given. Use their payloads
     * before the event loop turns: those taken from the tail are views into memory the writer
     * reuses (wal-arenas.ts).
     */
    read(max: number, until?: WalPosition): WalBatch {
      const entries: WalEntry[] = [];
      let want = chunkBytes;
      while (entries.length < max) {
        const writer = options.writerEnd();
        const stop = until && comparePositions(until, writer) < 0 ? until : writer;
        if (comparePositions(position, stop) >= 0) break;
        const taken = options.tail?.take(position, stop, max, entries);
        if (taken) {
          position = taken;
          continue;
        }
        const file = open();
        if (file === undefined) {
          if (!nextSegment()) break;
          continue;
        }
        const active = position.segment === stop.segment;
        const limit = active ? stop.offset : fstatSync(file).size;
        if (position.offset >= limit) {
          if (active || !nextSegment()) break;
          continue;
        }
        const length = Math.min(want, limit - position.offset);
        const buf = Buffer.allocUnsafe(length);
        const got = readSync(file, buf, 0, length, position.offset);
        const decoded = decodeEntries(buf.subarray(0, got), max - entries.length);
        for (const entry of decoded.entries) entries.push(entry);
        position = { ...position, offset: position.offset + decoded.used };
        if (decoded.stop === 'corrupt') skipTorn(limit, 'checksum or length does not match');
        else if (decoded.stop === 'short' && decoded.need !== undefined) {
          if (position.offset + decoded.need <= limit) want = Math.max(chunkBytes, decoded.need);
          else if (!active) skipTorn(limit, 'cut short at the end of its segment');
          else break;
        }
      }
      return { entries, end: { ...position } };
    },
    position: (): WalPosition => ({ ...position }),
    /** Torn records skipped so far. */
    torn: () => torn,
    /** Records committed and not read yet that the tail holds: all of them unless the store is far behind. */
    buffered: () => options.tail?.size() ?? 0,
    close(): void {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
