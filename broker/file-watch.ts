import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export type FileWatch = { close(): void };

/**
 * Calls `onChange` soon after `file` changes: at once through fs.watch on its folder (the registry is
 * replaced by rename, which a watch on the file itself would lose), and within `pollMs` through a
 * periodic stat, for file systems where fs.watch says nothing (network mounts, some containers).
 */
export function watchFile(file: string, pollMs: number, onChange: () => void): FileWatch {
  let last = '';
  let checking = false;
  let again = false;
  const check = async (): Promise<void> => {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      const s = await stat(file).catch(() => undefined);
      const signature = s ? `${s.ino}:${s.size}:${s.mtimeMs}` : 'absent';
      if (signature !== last) {
        last = signature;
        onChange();
      }
    } finally {
      checking = false;
    }
    if (again) {
      again = false;
      await check();
    }
  };
  void check();
  const timer = setInterval(() => void check(), pollMs);
  timer.unref();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
      if (name === null || name === basename(file)) void check();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // The folder may not exist yet; polling still notices the file when it appears.
  }
  return {
    close: () => {
      clearInterval(timer);
      watcher?.close();
    },
  };
}
