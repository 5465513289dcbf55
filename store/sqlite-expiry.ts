import type Database from 'better-sqlite3';
import { EVENT_TABLES } from './sqlite-schema.ts';

// Deleting old events and dead letters from the SQLite store, a day at a time: each day is its own
// transaction, so a first expiry over months of history does not hold the file (and ingest's thread)
// for one long delete, and the tables' time-first keys make each day one range of the key.

const DAY_MS = 86_400_000;

export function prepareExpiry(db: Database.Database) {
  const tables = EVENT_TABLES.map((table) => ({
    // Each site found with a seek on the key's first column, not a scan of the table.
    nextSite: db.prepare(`SELECT site FROM ${table} WHERE site > ? ORDER BY site LIMIT 1`).pluck(),
    oldest: db.prepare(`SELECT MIN(ts) FROM ${table} WHERE site = ?`).pluck(),
    drop: db.prepare(`DELETE FROM ${table} WHERE site = ? AND ts < ?`),
  }));
  const oldestLetter = db.prepare('SELECT MIN(ts) FROM dead_letter').pluck();
  const dropLetters = db.prepare('DELETE FROM dead_letter WHERE ts < ?');
  const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  /** Deletes up to `before`, a day at a time from `oldest`, letting the event loop turn between days. */
  async function byDay(oldest: number | null, before: number, drop: (upTo: number) => void) {
    if (oldest === null) return;
    for (let upTo = Math.min(oldest + DAY_MS, before); ; upTo = Math.min(upTo + DAY_MS, before)) {
      drop(upTo);
      if (upTo >= before) return;
      await yieldTurn();
    }
  }

  return async (before: { events?: number | undefined; deadLetters?: number | undefined }) => {
    const { events, deadLetters } = before;
    if (events !== undefined) {
      for (const table of tables) {
        for (let site = table.nextSite.get('') as string | undefined; site !== undefined; ) {
          const current = site;
          await byDay(table.oldest.get(current) as number | null, events, (upTo) => {
            table.drop.run(current, upTo);
          });
          site = table.nextSite.get(current) as string | undefined;
        }
      }
    }
    if (deadLetters !== undefined) {
      await byDay(oldestLetter.get() as number | null, deadLetters, (upTo) => {
        dropLetters.run(upTo);
      });
    }
  };
}
