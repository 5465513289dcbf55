import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type {
  DeadLetterRecord,
  DeskStateRecord,
  DeviceStatusRecord,
  DoorCountRecord,
  WriteBatch,
} from './records.ts';
import { prepareDerived } from './sqlite-derived.ts';
import { prepareExpiry } from './sqlite-expiry.ts';
import { applySchema } from './sqlite-schema.ts';
import type { Store } from './store.ts';

export const sqliteStoreOptionsSchema = z.object({
  /** The database file; ':memory:' for a throwaway store. */
  file: z.string().min(1),
});

export type SqliteStoreOptions = z.input<typeof sqliteStoreOptionsSchema>;

/**
 * Opens (creating if needed) the embedded SQLite store.
 * @example const store = await openSqliteStore({ file: './data/prossima.db' });
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const { file } = sqliteStoreOptionsSchema.parse(options);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a power cut can lose the last transactions, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  applySchema(db);
  const sql = prepare(db);
  const derived = prepareDerived(db);
  const expire = prepareExpiry(db);

  const writeAll = db.transaction((batch: WriteBatch) => {
    // Parameters written out: an object spread per row (`{ ...r, occupied }`) cost about 1 µs on Node 20.
    for (const r of batch.deskStates ?? []) {
      const { site, desk, ts, floor, zone, seq } = r;
      sql.putDesk.run({ site, desk, ts, floor, zone, occupied: r.occupied ? 1 : 0, seq });
    }
    for (const r of batch.doorCounts ?? []) sql.putDoor.run(r);
    for (const r of batch.deviceStatuses ?? []) {
      const { site, device, ts, battery, rssi, fw } = r;
      sql.putDevice.run({ site, device, ts, online: r.online ? 1 : 0, battery, rssi, fw });
    }
    for (const r of batch.deadLetters ?? []) sql.putDead.run({ ...r, digest: digestOf(r) });
    derived.write(batch);
  });

  return {
    kind: 'sqlite',
    write: async (batch) => {
      writeAll(batch);
      return { rejected: [] };
    },
    deskStates: async ({ site, desk, from, to }) =>
      (sql.desks.all({ site, desk: desk ?? null, from, to }) as DeskRow[]).map((row) => ({
        ...row,
        occupied: row.occupied === 1,
      })),
    doorCounts: async ({ site, door, from, to }) =>
      sql.doors.all({ site, door: door ?? null, from, to }) as DoorCountRecord[],
    deviceStatuses: async ({ site, device, from, to }) =>
      (sql.devices.all({ site, device: device ?? null, from, to }) as DeviceRow[]).map((row) => ({
        ...row,
        online: row.online === 1,
      })),
    deadLetters: async ({ from, to, limit }) =>
      sql.dead.all({ from, to, limit: limit ?? 1000 }) as DeadLetterRecord[],
    series: derived.series,
    expire,
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      db.close();
    },
  };
}

// A dead letter's identity is its time and content, so a redelivered bad message is kept once.
function digestOf(letter: DeadLetterRecord): string {
  return createHash('sha256')
    .update(letter.topic)
    .update('\0')
    .update(letter.reason)
    .update('\0')
    .update(letter.payload)
    .digest('base64url');
}

type DeskRow = Omit<DeskStateRecord, 'occupied'> & { occupied: number };
type DeviceRow = Omit<DeviceStatusRecord, 'online'> & { online: number };

// Every value is a bound parameter: nothing a client sends is ever pasted into SQL text.
function prepare(db: Database.Database) {
  return {
    putDesk: db.prepare(`INSERT INTO desk_state (site, desk, ts, floor, zone, occupied, seq)
      VALUES (@site, @desk, @ts, @floor, @zone, @occupied, @seq)
      ON CONFLICT (site, ts, desk) DO UPDATE SET floor = excluded.floor, zone = excluded.zone,
        occupied = excluded.occupied, seq = excluded.seq`),
    putDoor: db.prepare(`INSERT INTO door_count (site, door, ts, floor, "in", out, seq)
      VALUES (@site, @door, @ts, @floor, @in, @out, @seq)
      ON CONFLICT (site, ts, door) DO UPDATE SET floor = excluded.floor, "in" = excluded."in",
        out = excluded.out, seq = excluded.seq`),
    putDevice: db.prepare(`INSERT INTO device_status (site, device, ts, online, battery, rssi, fw)
      VALUES (@site, @device, @ts, @online, @battery, @rssi, @fw)
      ON CONFLICT (site, ts, device) DO UPDATE SET online = excluded.online, battery = excluded.battery,
        rssi = excluded.rssi, fw = excluded.fw`),
    putDead: db.prepare(`INSERT INTO dead_letter (ts, digest, topic, reason, payload)
      VALUES (@ts, @digest, @topic, @reason, @payload) ON CONFLICT (ts, digest) DO NOTHING`),
    desks: db.prepare(`SELECT site, desk, floor, zone, ts, occupied, seq FROM desk_state
      WHERE site = @site AND (@desk IS NULL OR desk = @desk) AND ts >= @from AND ts < @to
      ORDER BY ts, desk`),
    doors: db.prepare(`SELECT site, door, floor, ts, "in", out, seq FROM door_count
      WHERE site = @site AND (@door IS NULL OR door = @door) AND ts >= @from AND ts < @to
      ORDER BY ts, door`),
    devices: db.prepare(`SELECT site, device, ts, online, battery, rssi, fw FROM device_status
      WHERE site = @site AND (@device IS NULL OR device = @device) AND ts >= @from AND ts < @to
      ORDER BY ts, device`),
    dead: db.prepare(`SELECT ts, topic, reason, payload FROM dead_letter
      WHERE ts >= @from AND ts < @to ORDER BY ts, id LIMIT @limit`),
  };
}
