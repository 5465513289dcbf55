import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// One process per log: two workers appending to one log would interleave records and delete each
// other's segments. A lock file names the holder's pid; one left by a process that died is taken over.

export class WalLockedError extends Error {
  override name = 'WalLockedError';
}

/** Takes the lock on `dir` for this process; returns how to let it go. */
export function lockWal(dir: string, pid = process.pid): () => void {
  const file = join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {}
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
        throw new WalLockedError(
          `the ingest log ${dir} is in use by process ${holder}; give each worker its own clientId`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new WalLockedError(`could not lock the ingest log ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
