import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { readCheckpoint } from './checkpoint.ts';
import { lockWal } from './wal-lock.ts';
import { openWalReader } from './wal-reader.ts';
import { createWalTail } from './wal-tail.ts';
import { openWalWriter } from './wal-writer.ts';

/** What the records kept in memory for the reader may take, as the log stores them. */
const TAIL_BYTES = 16 * 1024 * 1024;

/**
 * A worker's write-ahead log: its own folder under `walDir` (named for its client id, locked so two
 * workers never share one), the writer and reader, and the checkpoint of what the store confirmed.
 */
export function openWal(options: {
  walDir: string;
  clientId: string;
  segmentBytes: number;
  fsyncMs: number;
  /** Committed records kept in memory for the reader. */
  tailRecords: number;
  logger: Logger;
}) {
  const dir = join(options.walDir, options.clientId);
  mkdirSync(dir, { recursive: true });
  const unlock = lockWal(dir);
  const tail = createWalTail(options.tailRecords, TAIL_BYTES);
  const writer = openWalWriter({
    dir,
    segmentBytes: options.segmentBytes,
    fsyncMs: options.fsyncMs,
    logger: options.logger,
    tail,
  });
  const reader = openWalReader({ dir, writerEnd: writer.end, tail, logger: options.logger });
  return {
    dir,
    writer,
    reader,
    checkpoint: readCheckpoint(dir),
    close(): void {
      reader.close();
      writer.close();
      unlock();
    },
  };
}
