import { appendFileSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WalEntry } from './wal-format.ts';
import { lockWal, WalLockedError } from './wal-lock.ts';
import { listSegments, segmentFile } from './wal-position.ts';
import { openWalReader } from './wal-reader.ts';
import { createWalTail } from './wal-tail.ts';
import { openWalWriter } from './wal-writer.ts';

const logger = pino({ level: 'silent' });
const entry = (i: number) => ({
  // Some topics are not ASCII (a two-byte and a four-byte character): they take the long way in.
  topic:
    i % 3 === 1
      ? `prossima/v1/città/desk/a-${i}/state`
      : i % 11 === 2
        ? `prossima/v1/demo/desk/\u{1fa91}-${i}/state`
        : `prossima/v1/demo/desk/a-${i}/state`,
  payload: Buffer.from(
    i % 7 === 0 ? 'not json\n with a line break' : JSON.stringify({ occupied: true, seq: i }),
  ),
  receivedAt: 1_790_000_000_000 + i,
  retain: i % 5 === 0,
});

const put = (writer: ReturnType<typeof openWalWriter>, i: number) => {
  writer.append(entry(i));
  writer.commit();
};

describe('write-ahead log', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'prossima-wal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = (segmentBytes = 1000) => openWalWriter({ dir, segmentBytes, fsyncMs: 50, logger });

  it('gives back every record, byte for byte, across segments and in batches', () => {
    const writer = open();
    for (let i = 0; i < 100; i++) put(writer, i);
    expect(writer.segments()).toBeGreaterThan(5);
    const reader = openWalReader({ dir, writerEnd: writer.end, logger });
    const read = [];
    for (let batch = reader.read(30); batch.entries.length > 0; batch = reader.read(30)) {
      expect(batch.entries.length).toBeLessThanOrEqual(30);
      read.push(...batch.entries);
    }
    expect(read).toEqual(Array.from({ length: 100 }, (_, i) => entry(i)));
    expect(reader.position()).toEqual(writer.end());
    writer.close();
  });

  it('hands out the records it kept in memory just as the files hold them, and reads the files past its room', () => {
    const tail = createWalTail(25, 1_000_000);
    const writer = openWalWriter({ dir, segmentBytes: 1000, fsyncMs: 50, logger, tail });
    let kept = 0;
    const counted: typeof tail = {
      ...tail,
      take(from, stop, max, out) {
        const before = out.length;
        const taken = tail.take(from, stop, max, out);
        kept += out.length - before;
        return taken;
      },
    };
    const fromTail = openWalReader({ dir, writerEnd: writer.end, tail: counted, logger });
    const fromFiles = openWalReader({ dir, writerEnd: writer.end, logger });
    const written: WalEntry[] = [];
    const read: WalEntry[] = [];
    const compare = (max: number) => {
      const a = fromTail.read(max);
      const b = fromFiles.read(max);
      expect(a.end).toEqual(b.end);
      expect(a.entries).toEqual(b.entries);
      read.push(...a.entries);
      return a.entries.length;
    };
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i <= (round * 7) % 8; i++) {
        written.push(entry(written.length));
        writer.append(written.at(-1) as WalEntry);
      }
      writer.commit();
      // A while without reading (the store down): more than the tail holds piles up.
      if (round % 4 !== 0 && (round < 80 || round > 120)) compare(1 + ((round * 13) % 40));
    }
    while (compare(17) > 0) {}
    expect(writer.segments()).toBeGreaterThan(20);
    expect(read).toEqual(written);
    // Most came from memory, the overflow from the files.
    expect(kept).toBeGreaterThan(written.length / 2);
    expect(kept).toBeLessThan(written.length - 100);
    expect(tail.size()).toBe(0);
    writer.close();
  });

  it('writes a group with one commit, and none of it before', () => {
    const writer = open(1_000_000);
    for (let i = 0; i < 50; i++) writer.append(entry(i));
    const reader = openWalReader({ dir, writerEnd: writer.end, logger });
    expect(reader.read(100).entries).toHaveLength(0);
    writer.commit();
    expect(reader.read(100).entries).toHaveLength(50);
    writer.close();
  });

  it('keeps a group whole when it outgrows the arena, and the groups after it, in the files and in memory', () => {
    const tail = createWalTail(100, 64 * 1024 * 1024);
    const writer = openWalWriter({ dir, segmentBytes: 64 * 1024 * 1024, fsyncMs: 50, logger, tail });
    // 20 payloads of 60 KB: a group of 1.2 MB, past the 1 MiB arena.
    const large = Array.from({ length: 20 }, (_, i) => ({
      ...entry(10 + i),
      payload: Buffer.alloc(60_000, i),
    }));
    const groups = [[entry(0), ...large, entry(2)], [entry(3)], [entry(4), entry(5)]];
    for (const group of groups) {
      for (const e of group) writer.append(e);
      writer.commit();
    }
    // Payloads compared as buffers: a deep equality walks them byte by byte, slowly.
    const shape = (entries: WalEntry[]) =>
      entries.map(({ payload, ...rest }) => ({ ...rest, bytes: payload.length }));
    for (const from of [undefined, tail]) {
      const read = openWalReader({ dir, writerEnd: writer.end, logger, tail: from }).read(100).entries;
      expect(shape(read)).toEqual(shape(groups.flat()));
      expect(read.every((e, i) => e.payload.equals(groups.flat()[i]?.payload ?? Buffer.alloc(0)))).toBe(true);
    }
    expect(tail.size()).toBe(0);
    writer.close();
  });

  it('keeps a payload over 64 KiB cut, with its whole length, and the records after it', () => {
    const tail = createWalTail(100, 64 * 1024 * 1024);
    const writer = openWalWriter({ dir, segmentBytes: 64 * 1024 * 1024, fsyncMs: 50, logger, tail });
    // 17 MiB: whole, the record would pass the length a reader takes for a torn record's.
    const huge = {
      ...entry(1),
      topic: 'prossima/v1/demo/desk/è-1/state',
      payload: Buffer.alloc(17 << 20, 7),
    };
    for (const e of [entry(0), huge, entry(2)]) writer.append(e);
    writer.commit();
    for (const from of [undefined, tail]) {
      const read = openWalReader({ dir, writerEnd: writer.end, logger, tail: from }).read(100).entries;
      expect(read.map((e) => e.topic)).toEqual([entry(0).topic, huge.topic, entry(2).topic]);
      expect(read[1]?.wholeBytes).toBe(17 << 20);
      expect(read[1]?.payload.equals(huge.payload.subarray(0, 64 * 1024))).toBe(true);
      expect([read[0]?.wholeBytes, read[2]?.payload.equals(entry(2).payload)]).toEqual([undefined, true]);
    }
    writer.close();
  });

  it('reuses the memory of groups the reader is done with, and never memory the tail still holds', () => {
    const tail = createWalTail(100_000, 64 * 1024 * 1024);
    const writer = openWalWriter({ dir, segmentBytes: 64 * 1024 * 1024, fsyncMs: 50, logger, tail });
    const reader = openWalReader({ dir, writerEnd: writer.end, logger, tail });
    // 2 KB payloads, each filled with its own index: ~500 records an arena, 6,000 records in all.
    const record = (i: number): WalEntry => ({
      topic: `prossima/v1/demo/desk/a-${i % 40}/state`,
      payload: Buffer.alloc(2048, `${i},`),
      receivedAt: i,
      retain: false,
    });
    let written = 0;
    let read = 0;
    let intact = 0;
    const readUpTo = (max: number) => {
      for (const e of reader.read(max).entries) {
        if (e.receivedAt === read && e.payload.equals(record(read).payload)) intact += 1;
        read += 1;
      }
    };
    for (let group = 0; group < 600; group++) {
      for (let k = 0; k < 10; k++) writer.append(record(written++));
      writer.commit();
      // The reader lags 600 to 1,200 records behind: the tail holds groups in two or three arenas
      // while the writer fills the next one.
      if (written - read > 1_200) readUpTo(written - read - 600);
    }
    readUpTo(100_000);
    expect(read).toBe(6_000);
    expect(intact).toBe(6_000);
    // 12 MB went through arenas of 1 MiB; only as many as were held at once were allocated.
    expect(writer.arenas().made).toBeLessThanOrEqual(4);
    writer.close();
  });

  it('skips a record torn by a crash, counts it, and reads on in the next segment', () => {
    const first = open(1_000_000);
    for (let i = 0; i < 10; i++) put(first, i);
    const { segment, offset } = first.end();
    first.close();
    truncateSync(segmentFile(dir, segment), offset - 5); // the last record cut short
    const second = open(1_000_000); // a restart opens a fresh segment
    put(second, 10);
    const reader = openWalReader({ dir, writerEnd: second.end, logger });
    const topics = reader.read(100).entries.map((e) => e.topic);
    expect(topics).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10].map((i) => entry(i).topic));
    expect(reader.torn()).toBe(1);
    second.close();
  });

  it('skips a scrambled record with the rest of its segment', () => {
    const first = open(1_000_000);
    for (let i = 0; i < 3; i++) put(first, i);
    first.close();
    appendFileSync(segmentFile(dir, listSegments(dir)[0] ?? 0), Buffer.from('garbage garbage garbage'));
    const second = open();
    const reader = openWalReader({ dir, writerEnd: second.end, logger });
    expect(reader.read(100).entries).toHaveLength(3);
    expect(reader.torn()).toBe(1);
    second.close();
  });

  it('deletes confirmed segments but keeps the newest confirmed one', () => {
    const writer = open();
    for (let i = 0; i < 100; i++) put(writer, i);
    const before = listSegments(dir);
    writer.trim(writer.end());
    expect(listSegments(dir)).toEqual(before.slice(-2));
    expect(writer.bytes()).toBeLessThan(2000);
    writer.close();
  });

  it('lets one process hold the log, and takes over a lock left by a dead one', () => {
    const release = lockWal(dir);
    expect(() => lockWal(dir, process.pid + 1)).toThrow(WalLockedError);
    release();
    const deadPid = 2 ** 22 + 12345;
    lockWal(dir, deadPid);
    expect(() => lockWal(dir)).not.toThrow();
  });
});
