import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { WalPosition } from './wal-position.ts';

// How far into the log the store has confirmed. Written atomically (a temporary file renamed over
// the old one) after every stored batch. Not fsynced: after a power cut an older checkpoint means
// only that some confirmed records are written again, which the store's keys make harmless.

const checkpointSchema = z.object({
  segment: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});

export function checkpointFile(dir: string): string {
  return join(dir, 'checkpoint.json');
}

/** The saved position, or undefined when there is none (first start) or it cannot be read. */
export function readCheckpoint(dir: string): WalPosition | undefined {
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(readFileSync(checkpointFile(dir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeCheckpoint(dir: string, position: WalPosition): void {
  const file = checkpointFile(dir);
  writeFileSync(`${file}.tmp`, JSON.stringify(position));
  renameSync(`${file}.tmp`, file);
}
