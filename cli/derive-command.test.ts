import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { runDerive } from './derive-command.ts';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 25, 12, 0);
const silent = () => pino({ level: 'silent' });

describe('prossima derive', () => {
  it('derives the days asked for from the stored events, in the store of the settings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'prossima-cli-derive-'));
    try {
      const file = join(dataDir, 'prossima.db');
      const desk = { site: 'demo', desk: 'a-01', floor: 'ground', zone: 'open-a', seq: null };
      const at = (daysBack: number, minute: number) => NOW - daysBack * 86_400_000 + minute * MIN;
      const store = await openSqliteStore({ file });
      // One stint 2 days back, inside the 3 days asked for, and one 5 days back, outside them; the
      // desk reports every 10 minutes while taken.
      await store.write({
        deskStates: [2, 5].flatMap((d) => [
          ...[0, 10, 20].map((minute) => ({ ...desk, ts: at(d, minute), occupied: true })),
          { ...desk, ts: at(d, 30), occupied: false },
        ]),
      });
      await store.close();

      const out: string[] = [];
      const code = await runDerive(
        ['3', '--data-dir', dataDir],
        {},
        (l) => out.push(l),
        silent,
        () => NOW,
      );
      expect(code).toBe(0);
      expect(out).toEqual([
        `Deriving 3 days of demo from SQLite in ${dataDir}…`,
        expect.stringMatching(/^Done in \d+\.\d s: \d+ records written, 0 unchanged\.$/),
      ]);
      const after = await openSqliteStore({ file });
      const usage = async (daysBack: number) =>
        (
          await after.series('deskUsage', {
            site: 'demo',
            id: 'a-01',
            from: at(daysBack, 0),
            to: at(daysBack, 30),
          })
        ).map((u) => u.occupiedMs / MIN);
      expect(await usage(2)).toEqual([15, 15]);
      expect(await usage(5)).toEqual([]);
      await after.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says how to call it when DAYS is not a whole number above 0', async () => {
    for (const args of [['0'], ['two'], ['3', '4']]) {
      await expect(runDerive(args, {}, () => undefined, silent)).rejects.toThrow(
        'Usage: prossima derive [DAYS], DAYS a whole number above 0 (28 when unset)',
      );
    }
  });
});
