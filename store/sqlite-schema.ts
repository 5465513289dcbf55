import type Database from 'better-sqlite3';
import { DERIVED_TABLES, derivedSchema } from './sqlite-derived.ts';

// The SQLite store's tables, and the upgrade of a file made by an earlier version.

/** `PRAGMA user_version` of a file with this schema. */
const VERSION = 1;

/** The tables of events; their names are ours, never a client's. */
export const EVENT_TABLES = ['desk_state', 'door_count', 'device_status'] as const;

/** The tables keyed time first since version 1: the events, and the derived series. */
const TIME_FIRST = [...EVENT_TABLES, ...DERIVED_TABLES];

// Primary keys are the identity of an event, so a duplicate is an upsert of the same row. Time
// comes before the device in each key, so that new events are appended at the end of the table:
// keyed device first (up to version 0), a batch of events from 1,000 desks touched a page for each
// desk, and a write cost 17–19 µs of CPU per row once the table held 800,000 rows, against 2–3.4 µs
// now at any size. Every reader asks for a site's time range of all its devices, which this key
// serves as it is; one device's range is read from the same walk, filtered. WITHOUT ROWID: the
// table is its key.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS desk_state (
  site TEXT NOT NULL, desk TEXT NOT NULL, ts INTEGER NOT NULL,
  floor TEXT NOT NULL, zone TEXT NOT NULL, occupied INTEGER NOT NULL, seq INTEGER,
  PRIMARY KEY (site, ts, desk)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS door_count (
  site TEXT NOT NULL, door TEXT NOT NULL, ts INTEGER NOT NULL,
  floor TEXT NOT NULL, "in" INTEGER NOT NULL, out INTEGER NOT NULL, seq INTEGER,
  PRIMARY KEY (site, ts, door)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS device_status (
  site TEXT NOT NULL, device TEXT NOT NULL, ts INTEGER NOT NULL,
  online INTEGER NOT NULL, battery REAL, rssi INTEGER, fw TEXT,
  PRIMARY KEY (site, ts, device)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dead_letter (
  id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, digest TEXT NOT NULL,
  topic TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS dead_letter_identity ON dead_letter (ts, digest);
`;

/**
 * Creates the tables, or brings a file of an earlier version up to this one, in one transaction that
 * takes the write lock first: of two processes opening one old file at once, one upgrades it and the
 * other waits for it (the busy timeout), then finds it done.
 */
export function applySchema(db: Database.Database): void {
  const apply = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > VERSION) {
      throw new Error(`the database is of a newer Prossima (schema ${version}, this one knows ${VERSION})`);
    }
    if (version < 1) rekeyTimeFirst(db);
    db.exec(SCHEMA);
    db.exec(derivedSchema());
    db.pragma(`user_version = ${VERSION}`);
  });
  apply.immediate();
}

/** Version 0 to 1: each table keyed time first rebuilt with its new key, its rows copied. */
function rekeyTimeFirst(db: Database.Database): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  const old = TIME_FIRST.filter((name) => exists.get(name) !== undefined);
  // The names are ours (TIME_FIRST), never a client's. Indexes go with their renamed table.
  for (const name of old) db.exec(`ALTER TABLE ${name} RENAME TO ${name}_v0`);
  db.exec(SCHEMA);
  db.exec(derivedSchema());
  for (const name of old) {
    const columns = (db.pragma(`table_info(${name})`) as { name: string }[])
      .map((column) => `"${column.name}"`)
      .join(', ');
    db.exec(`INSERT INTO ${name} (${columns}) SELECT ${columns} FROM ${name}_v0`);
    db.exec(`DROP TABLE ${name}_v0`);
  }
}
