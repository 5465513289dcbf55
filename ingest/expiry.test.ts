import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { waitFor } from '../test/wait-for.ts';
import { startExpiry } from './expiry.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12);
const event = (ts: number) => ({
  site: 's',
  desk: 'd',
  floor: 'f',
  zone: 'z',
  ts,
  occupied: true,
  seq: null,
});

describe('expiry', () => {
  type Deriver = { oldestPending?: () => number | undefined; after?: Promise<unknown> };
  const expired = async (keepDays: number, deriver: Deriver = {}) => {
    const store = await openSqliteStore({ file: ':memory:' });
    await store.write({ deskStates: [event(NOW - 40 * DAY), event(NOW - 31 * DAY), event(NOW - DAY)] });
    let runs = 0;
    const expiry = startExpiry({
      store: {
        ...store,
        expire: async (before) => {
          await store.expire(before);
          runs += 1;
        },
      },
      keepDays,
      everyMs: 60_000,
      now: () => NOW,
      logger: pino({ level: 'silent' }),
      ...deriver,
    });
    if (keepDays > 0) await waitFor(() => runs > 0, 'a run');
    else await new Promise((resolve) => setTimeout(resolve, 20));
    await expiry.close();
    const left = (await store.deskStates({ site: 's', from: 0, to: NOW })).map((r) => (NOW - r.ts) / DAY);
    await store.close();
    return left;
  };

  it('deletes events older than the days kept and a two-day margin', async () => {
    expect(await expired(30)).toEqual([31, 1]);
  });

  it('keeps what the deriver has still to read, two days before its oldest range', async () => {
    expect(await expired(30, { oldestPending: () => NOW - 38 * DAY })).toEqual([40, 31, 1]);
  });

  it('keeps everything when no days are set', async () => {
    expect(await expired(0)).toEqual([40, 31, 1]);
  });

  it('waits for the log left by the last run before its first run', async () => {
    // The backlog marks, once stored, a range 38 days back: nothing two days before it may go.
    let pending: number | undefined;
    const after = new Promise<void>((resolve) =>
      setTimeout(() => {
        pending = NOW - 38 * DAY;
        resolve();
      }, 30),
    );
    expect(await expired(30, { oldestPending: () => pending, after })).toEqual([40, 31, 1]);
  });

  it('warns once while the store cannot delete, and says when it can again', async () => {
    const lines: Array<{ level: number; msg: string; err?: string }> = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    let attempts = 0;
    const store = await openSqliteStore({ file: ':memory:' });
    const expiry = startExpiry({
      store: {
        ...store,
        expire: async (before) => {
          attempts += 1;
          if (attempts <= 3) throw new Error('DELETE is not supported');
          await store.expire(before);
        },
      },
      keepDays: 30,
      everyMs: 5,
      now: () => NOW,
      logger,
    });
    await waitFor(() => attempts >= 5, 'five runs');
    await expiry.close();
    await store.close();
    const said = lines.filter((l) => l.level >= 30).map((l) => [l.msg, l.err]);
    expect(said).toEqual([
      ['cannot expire old events; will keep trying', 'DELETE is not supported'],
      ['old events expire again', undefined],
    ]);
  });
});
