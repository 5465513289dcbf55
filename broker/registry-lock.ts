import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

// Two `prossima devices …` commands at once (a script adding a batch of sensors, say) each read the
// registry, change it and write it back: without a lock the later write drops the earlier change.

const STALE_MS = 30_000;
const WAIT_MS = 10_000;

/**
 * Runs `change` holding `{file}.lock` (created exclusively). A lock older than 30 s was left by a
 * process that died and is taken over; after waiting 10 s for a live holder it gives up with an error.
 * @example await withRegistryLock(file, async () => writeRegistry(file, next(await readRegistry(file))))
 */
export async function withRegistryLock<T>(file: string, change: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  await mkdir(dirname(file), { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) await rm(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is held by another process; try again`);
      else await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    }
  }
  try {
    return await change();
  } finally {
    await rm(lock, { force: true });
  }
}
