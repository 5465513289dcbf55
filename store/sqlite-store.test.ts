import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';
import { describeStoreContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'prossima-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', () => openSqliteStore({ file: join(dir, 'contract.db') }));

describe('sqlite store', () => {
  it('keeps what it wrote across a reopen of the same file', async () => {
    const file = join(dir, 'reopen.db');
    const record = {
      site: 's',
      desk: 'd',
      floor: 'f',
      zone: 'z',
      ts: 1_800_000_000_000,
      occupied: true,
      seq: 3,
    };
    const first = await openSqliteStore({ file });
    await first.write({ deskStates: [record] });
    await first.close();
    const second = await openSqliteStore({ file });
    expect(await second.deskStates({ site: 's', from: 0, to: 2_000_000_000_000 })).toEqual([record]);
    await second.close();
  });

  it('upgrades a file an earlier version made, keeping every row', async () => {
    const file = join(dir, 'version0.db');
    const old = new Database(file);
    // Version 0's event tables, keyed device first, as the first releases made them.
    old.exec(`
      CREATE TABLE desk_state (site TEXT NOT NULL, desk TEXT NOT NULL, ts INTEGER NOT NULL,
        floor TEXT NOT NULL, zone TEXT NOT NULL, occupied INTEGER NOT NULL, seq INTEGER,
        PRIMARY KEY (site, desk, ts)) WITHOUT ROWID;
      CREATE INDEX desk_state_site_ts ON desk_state (site, ts);
      CREATE TABLE door_count (site TEXT NOT NULL, door TEXT NOT NULL, ts INTEGER NOT NULL,
        floor TEXT NOT NULL, "in" INTEGER NOT NULL, out INTEGER NOT NULL, seq INTEGER,
        PRIMARY KEY (site, door, ts)) WITHOUT ROWID;
      CREATE INDEX door_count_site_ts ON door_count (site, ts);
      CREATE TABLE device_status (site TEXT NOT NULL, device TEXT NOT NULL, ts INTEGER NOT NULL,
        online INTEGER NOT NULL, battery REAL, rssi INTEGER, fw TEXT,
        PRIMARY KEY (site, device, ts)) WITHOUT ROWID;
      CREATE TABLE desk_usage (site TEXT NOT NULL, ts INTEGER NOT NULL, floor TEXT NOT NULL,
        zone TEXT NOT NULL, desk TEXT NOT NULL, occupied_ms INTEGER NOT NULL,
        known_ms INTEGER NOT NULL, arrivals INTEGER NOT NULL,
        PRIMARY KEY (site, desk, ts)) WITHOUT ROWID;
      CREATE INDEX desk_usage_site_ts ON desk_usage (site, ts);
      INSERT INTO desk_usage VALUES ('s', 0, 'f', 'z', 'd1', 600000, 900000, 1),
        ('s', 0, 'f', 'z', 'd2', 0, 900000, 0);
      INSERT INTO desk_state VALUES ('s', 'd2', 1000, 'f', 'z', 1, 7), ('s', 'd1', 2000, 'f', 'z', 0, 9);
      INSERT INTO door_count VALUES ('s', 'main', 1500, 'f', 3, 1, 4);
      INSERT INTO device_status VALUES ('s', 'd1', 1200, 1, 3.7, -60, '1.2.0');`);
    old.close();

    const store = await openSqliteStore({ file });
    const range = { site: 's', from: 0, to: 10_000 };
    expect(await store.deskStates(range)).toEqual([
      { site: 's', desk: 'd2', floor: 'f', zone: 'z', ts: 1000, occupied: true, seq: 7 },
      { site: 's', desk: 'd1', floor: 'f', zone: 'z', ts: 2000, occupied: false, seq: 9 },
    ]);
    expect(await store.doorCounts(range)).toEqual([
      { site: 's', door: 'main', floor: 'f', ts: 1500, in: 3, out: 1, seq: 4 },
    ]);
    expect(await store.deviceStatuses(range)).toEqual([
      { site: 's', device: 'd1', ts: 1200, online: true, battery: 3.7, rssi: -60, fw: '1.2.0' },
    ]);
    const d1 = {
      site: 's',
      ts: 0,
      floor: 'f',
      zone: 'z',
      desk: 'd1',
      occupiedMs: 600_000,
      knownMs: 900_000,
      arrivals: 1,
    };
    expect(await store.series('deskUsage', { ...range, id: 'd1' })).toEqual([d1]);
    expect(await store.series('deskUsage', range)).toHaveLength(2);
    // A redelivered event still lands on its own row.
    await store.write({
      deskStates: [{ site: 's', desk: 'd1', floor: 'f', zone: 'z', ts: 2000, occupied: false, seq: 9 }],
    });
    expect(await store.deskStates(range)).toHaveLength(2);
    await store.close();

    const upgraded = new Database(file, { readonly: true });
    const keyOf = (table: string) =>
      (upgraded.pragma(`table_info(${table})`) as { name: string; pk: number }[])
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name);
    expect(keyOf('desk_state')).toEqual(['site', 'ts', 'desk']);
    expect(keyOf('desk_usage')).toEqual(['site', 'ts', 'desk']);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(1);
    const tables = upgraded.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_v0'").all();
    expect(tables).toEqual([]);
    upgraded.close();
  });

  it('refuses a file of a newer schema instead of writing into it', async () => {
    const file = join(dir, 'newer.db');
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();
    await expect(openSqliteStore({ file })).rejects.toThrow(/newer Prossima/);
  });
});
