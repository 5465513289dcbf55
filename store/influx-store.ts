import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SERIES_NAMES } from './derived-series.ts';
import { createDeskKeys, DESK_STATE, type DeskKeys, deskStateLine } from './desk-state-line.ts';
import {
  checkAuth,
  createInfluxClient,
  InfluxError,
  influxConnectionSchema,
  type LineRejection,
  parseOptions,
  rowsOf,
} from './influx-client.ts';
import { derivedLines, derivedReads } from './influx-derived.ts';
import { type InfluxQL, ident, influxql, integer, join, millis, qualified } from './influxql.ts';
import { encodePoint, LineProtocolError } from './line-protocol.ts';
import type {
  DeadLetterRecord,
  DeskStateRecord,
  DeviceStatusRecord,
  DoorCountRecord,
  TimeRange,
  WriteBatch,
} from './records.ts';
import type { RejectedRecord, Store } from './store.ts';
import type { Line } from './write-body.ts';

/*
 * The InfluxDB schema (v1 HTTP API; InfluxDB 1.x, 2.x through its v1 API, 3.x). Times are epoch ms.
 *
 *   measurement    tags                      fields
 *   desk_state     site, floor, zone, desk   occupied (int 0/1), seq (int)
 *   door_count     site, floor, door         in (int), out (int), seq (int)
 *   device_status  site, device              online (int 0/1), battery (float), rssi (int), fw (string)
 *   dead_letter    (none)                    topic, reason, payload (strings)
 *
 * - A null field is left out of the point, and reads back as null.
 * - Booleans are stored as integers 0/1 so that InfluxQL can aggregate them (MEAN(occupied) is occupancy).
 * - A point is identified by measurement + tag set + time, so writing the same record again overwrites
 *   it: that is what makes writes idempotent. It also means a desk's floor and zone must be the same in
 *   every record of it, or the "same" event becomes two series; records always carry them from the site model.
 * - Dead letters have no natural key and several can arrive in one millisecond, so they are written with
 *   nanosecond precision at ts ms + (a hash of topic, reason and payload) mod 1,000,000 ns. Distinct letters
 *   in one ms land on distinct times (a collision needs ~1,000 letters in one ms to be likely), the same
 *   letter written twice still lands on itself, reads at epoch=ms give back ts exactly, and no tag means
 *   no series per letter. InfluxDB 1.x documents a 64 KB limit on string fields, so keep payloads below it.
 * - Tag values may not hold a line break, nor a backslash before a comma, equals sign, space or their end:
 *   line protocol cannot write those, so such a write is refused whole. Ids never do (protocol/ids.ts).
 */

const DOOR_COUNT = 'door_count';
const DEVICE_STATUS = 'device_status';
const DEAD_LETTER = 'dead_letter';

export const influxStoreOptionsSchema = influxConnectionSchema
  .extend({
    /** Runs CREATE DATABASE on open; turn off where the user may not (2.x/3.x, or a read-only user). */
    createDatabase: z.boolean().default(true),
  })
  .superRefine(checkAuth);

export type InfluxStoreOptions = z.input<typeof influxStoreOptionsSchema>;

// Wrong credentials are still an error worth stopping for; a refused statement is not.
function ignoreInfluxRefusal(error: unknown): void {
  if (!(error instanceof InfluxError) || error.status === 401) throw error;
}

/**
 * Opens the InfluxDB store: checks that InfluxDB answers and creates the database if asked to.
 * @example const store = await openInfluxStore({ url: 'http://127.0.0.1:8086', database: 'prossima' });
 */
export async function openInfluxStore(options: InfluxStoreOptions): Promise<Store> {
  const { createDatabase, ...connection } = parseOptions(influxStoreOptionsSchema, options);
  const client = createInfluxClient(connection);
  await client.ping();
  // 2.x, 3.x and users without admin rights may refuse CREATE DATABASE where the database already
  // exists under another name (a bucket); go on, and let the first write say so if it does not.
  if (createDatabase) await client.createDatabase().catch((error: unknown) => ignoreInfluxRefusal(error));
  let closed = false;
  const deskKeys = createDeskKeys();
  const from = (measurement: string) => qualified(connection.retentionPolicy, measurement);

  async function select(q: InfluxQL): Promise<Record<string, unknown>[]> {
    if (closed) throw new InfluxError('the InfluxDB store is closed');
    return (await client.query(q)).flatMap(rowsOf);
  }

  /** Reads one measurement, ordered by time and then by id, as the Store contract asks. */
  async function read<T extends { ts: number }>(
    measurement: string,
    columns: string[],
    condition: InfluxQL,
    toRecord: (row: Record<string, unknown>) => T,
    id: (record: T) => string,
  ): Promise<T[]> {
    const rows = await select(
      influxql`SELECT ${fields(columns)} FROM ${from(measurement)} WHERE ${condition}`,
    );
    return rows.map(toRecord).sort((a, b) => a.ts - b.ts || compare(id(a), id(b)));
  }

  return {
    kind: 'influxdb',
    async write(batch: WriteBatch) {
      if (closed) throw new InfluxError('the InfluxDB store is closed');
      const ms = encodeAll(batch, ['deskStates', 'doorCounts', 'deviceStatuses', ...DERIVED_KINDS], deskKeys);
      const ns = encodeAll(batch, ['deadLetters'], deskKeys);
      const refused = (encoded: Encoded, rejections: LineRejection[]) =>
        rejections.flatMap(({ index, reason }) => {
          const kind = encoded.kinds[encoded.originKind[index] ?? -1];
          const at = encoded.originIndex[index];
          return kind && at !== undefined
            ? [{ kind, index: at, reason: `InfluxDB refused it: ${reason}` }]
            : [];
        });
      const rejected = [...ms.refused, ...ns.refused];
      if (ms.lines.length > 0) rejected.push(...refused(ms, await client.write(ms.lines, 'ms')));
      if (ns.lines.length > 0) rejected.push(...refused(ns, await client.write(ns.lines, 'ns')));
      return { rejected };
    },
    deskStates: (query) =>
      read(
        DESK_STATE,
        ['occupied', 'seq', 'floor', 'zone', 'desk'],
        where(query, 'desk', query.desk),
        (row) => toDeskState(query.site, row),
        (r) => r.desk,
      ),
    doorCounts: (query) =>
      read(
        DOOR_COUNT,
        ['in', 'out', 'seq', 'floor', 'door'],
        where(query, 'door', query.door),
        (row) => toDoorCount(query.site, row),
        (r) => r.door,
      ),
    deviceStatuses: (query) =>
      read(
        DEVICE_STATUS,
        ['online', 'battery', 'rssi', 'fw', 'device'],
        where(query, 'device', query.device),
        (row) => toDeviceStatus(query.site, row),
        (r) => r.device,
      ),
    async deadLetters(query) {
      // Letters of one ms come back in the order of their nanosecond nudge, not of arrival.
      const limit = query.limit === undefined ? influxql`` : influxql` LIMIT ${integer(query.limit)}`;
      const columns = fields(['topic', 'reason', 'payload']);
      const rows = await select(
        influxql`SELECT ${columns} FROM ${from(DEAD_LETTER)} WHERE ${timeRange(query)} ORDER BY time ASC${limit}`,
      );
      return rows.map(toDeadLetter);
    },
    ...derivedReads(read, where),
    async expire(before) {
      // DELETE takes no retention policy: it deletes from every one of the database's.
      const drop = async (measurement: string, ts: number | undefined) => {
        if (ts !== undefined)
          await client.query(influxql`DELETE FROM ${ident(measurement)} WHERE time < ${millis(ts)}`);
      };
      for (const measurement of [DESK_STATE, DOOR_COUNT, DEVICE_STATUS])
        await drop(measurement, before.events);
      await drop(DEAD_LETTER, before.deadLetters);
    },
    ping: () => client.ping(),
    async close() {
      closed = true;
    },
  };
}

const DERIVED_KINDS = SERIES_NAMES;

type Encoded = {
  lines: Line[];
  /** Where each line came from in the batch: the kind's position in `kinds`, and the record's index. */
  kinds: readonly (keyof WriteBatch)[];
  originKind: number[];
  originIndex: number[];
  /** Records line protocol cannot carry (e.g. a line break in a tag): refused before sending. */
  refused: RejectedRecord[];
};

/**
 * Encodes records one by one, so one record line protocol cannot carry does not sink the batch. Runs
 * for every event ingest writes: origins are kept as numbers, not an object per line.
 */
function encodeAll(batch: WriteBatch, kinds: readonly (keyof WriteBatch)[], deskKeys: DeskKeys): Encoded {
  const encoded: Encoded = { lines: [], kinds, originKind: [], originIndex: [], refused: [] };
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[k] as keyof WriteBatch;
    const records = (batch[kind] ?? []) as readonly unknown[];
    for (let index = 0; index < records.length; index++) {
      try {
        const line = encodeOne(kind, records[index], deskKeys);
        if (Array.isArray(line)) for (const one of line) add(encoded, one, k, index);
        else add(encoded, line, k, index);
      } catch (error) {
        if (!(error instanceof LineProtocolError)) throw error;
        encoded.refused.push({ kind, index, reason: `not writable as line protocol: ${error.message}` });
      }
    }
  }
  return encoded;
}

function add(encoded: Encoded, line: Line, kind: number, index: number): void {
  encoded.lines.push(line);
  encoded.originKind.push(kind);
  encoded.originIndex.push(index);
}

/** The line of a desk state, door count, device status or dead letter; the lines of a derived record. */
function encodeOne(kind: keyof WriteBatch, record: unknown, deskKeys: DeskKeys): Line | string[] {
  switch (kind) {
    case 'deskStates':
      return deskStateLine(record as DeskStateRecord, deskKeys);
    case 'doorCounts':
      return doorCountLine(record as DoorCountRecord);
    case 'deviceStatuses':
      return deviceStatusLine(record as DeviceStatusRecord);
    case 'deadLetters':
      return deadLetterLine(record as DeadLetterRecord);
    default:
      return derivedLines({ [kind]: [record] });
  }
}

function fields(names: string[]): InfluxQL {
  return join(names.map((name) => ident(name)));
}

function timeRange(range: TimeRange): InfluxQL {
  return influxql`time >= ${millis(range.from)} AND time < ${millis(range.to)}`;
}

function where(query: TimeRange & { site: string }, idTag: string, id: string | undefined): InfluxQL {
  const byId = id === undefined ? influxql`` : influxql` AND ${ident(idTag)} = ${id}`;
  return influxql`${ident('site')} = ${query.site}${byId} AND ${timeRange(query)}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const int = (value: number | null) => (value === null ? null : { int: value });
const bit = (value: boolean) => ({ int: value ? 1 : 0 });

function doorCountLine(r: DoorCountRecord): string {
  return encodePoint({
    measurement: DOOR_COUNT,
    tags: { site: r.site, floor: r.floor, door: r.door },
    fields: { in: { int: r.in }, out: { int: r.out }, seq: int(r.seq) },
    time: String(r.ts),
  });
}

function deviceStatusLine(r: DeviceStatusRecord): string {
  return encodePoint({
    measurement: DEVICE_STATUS,
    tags: { site: r.site, device: r.device },
    fields: {
      online: bit(r.online),
      battery: r.battery === null ? null : { float: r.battery },
      rssi: int(r.rssi),
      fw: r.fw === null ? null : { string: r.fw },
    },
    time: String(r.ts),
  });
}

function deadLetterLine(r: DeadLetterRecord): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([r.topic, r.reason, r.payload]))
    .digest();
  const nudge = BigInt(digest.readUIntBE(0, 6) % 1_000_000);
  return encodePoint({
    measurement: DEAD_LETTER,
    tags: {},
    fields: { topic: { string: r.topic }, reason: { string: r.reason }, payload: { string: r.payload } },
    time: (BigInt(r.ts) * 1_000_000n + nudge).toString(),
  });
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' ? value : null);

function toDeskState(site: string, row: Record<string, unknown>): DeskStateRecord {
  return {
    site,
    desk: str(row.desk),
    floor: str(row.floor),
    zone: str(row.zone),
    ts: Number(row.time),
    occupied: row.occupied === 1,
    seq: num(row.seq),
  };
}

function toDoorCount(site: string, row: Record<string, unknown>): DoorCountRecord {
  return {
    site,
    door: str(row.door),
    floor: str(row.floor),
    ts: Number(row.time),
    in: num(row.in) ?? 0,
    out: num(row.out) ?? 0,
    seq: num(row.seq),
  };
}

function toDeviceStatus(site: string, row: Record<string, unknown>): DeviceStatusRecord {
  return {
    site,
    device: str(row.device),
    ts: Number(row.time),
    online: row.online === 1,
    battery: num(row.battery),
    rssi: num(row.rssi),
    fw: typeof row.fw === 'string' ? row.fw : null,
  };
}

function toDeadLetter(row: Record<string, unknown>): DeadLetterRecord {
  return { ts: Number(row.time), topic: str(row.topic), reason: str(row.reason), payload: str(row.payload) };
}
