import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalTime } from '../protocol/index.ts';
import { openSqliteStore } from '../store/index.ts';
import { runCli } from '../test/cli-process.ts';
import { waitFor } from '../test/wait-for.ts';

const DAY = 86_400_000;
const dataDir = mkdtempSync(join(tmpdir(), 'prossima-history-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const args = ['start', '--http-port', '0', '--mqtt-port', '0', '--data-dir', dataDir, '--sim-seed', '3'];

describe('prossima start with a new store', () => {
  it('comes up at once and fills four weeks of history in the background, on the first run only', async () => {
    const began = Date.now();
    const first = runCli(args);
    try {
      expect(await first.read(/History\s+(28 days for demo)/)).toBe('28 days for demo');
      expect(Date.now() - began).toBeLessThan(15_000);
      const sent = await waitFor(
        () => /Backfill: sent ([\d,]+) messages/.exec(first.stderr())?.[1],
        'the backfill summary',
        40_000,
      );
      expect(Number(sent.replaceAll(',', ''))).toBeGreaterThan(5000);
    } finally {
      const code = await first.stop('SIGINT');
      if (code !== 0) console.log(`EXIT ${code} ${first.child.signalCode} ${first.stderr().slice(-3000)}`);
      expect(code).toBe(0);
    }
    const store = await openSqliteStore({ file: join(dataDir, 'prossima.db') });
    const now = Date.now();
    const desks = await store.deskStates({ site: 'demo', from: now - 29 * DAY, to: now });
    const doors = await store.doorCounts({ site: 'demo', from: now - 29 * DAY, to: now });
    await store.close();
    const rome = createLocalTime('Europe/Rome');
    const days = new Set(desks.map((d) => rome(d.ts).day));
    // Four weeks with Sundays closed: at least 20 days with desk changes, and door reports throughout.
    expect(days.size).toBeGreaterThanOrEqual(20);
    expect(Math.min(...desks.map((d) => d.ts))).toBeLessThan(now - 26 * DAY);
    expect(doors.length).toBeGreaterThan(27 * 96 * 2);

    const second = runCli(args);
    try {
      await second.read(/(Press Ctrl-C)/);
      expect(second.stdout()).not.toContain('History');
    } finally {
      const code = await second.stop('SIGINT');
      if (code !== 0) console.log(`EXIT2 ${code} ${second.child.signalCode} ${second.stderr().slice(-3000)}`);
      expect(code).toBe(0);
    }
  }, 90_000);
});
