import { z } from 'zod';
import { SERIES_NAMES } from './derived-series.ts';
import { createDeskKeys, DESK_STATE, type DeskKeys, deskStateLine } from './desk-state-line.ts';
import {
  checkAuth,
  createInfluxClient,
  type InfluxClient,
  InfluxError,
  influxConnectionSchema,
  type LineRejection,
  parseOptions,
  rowsOf,
} from './influx-client.ts';
import { derivedLines, derivedReads } from './influx-derived.ts';
import {
  DEAD_LETTER,
  DEVICE_STATUS,
  DOOR_COUNT,
  deadLetterLine,
  deviceStatusLine,
  doorCountLine,
  toDeadLetter,
  toDeskState,
  toDeviceStatus,
  toDoorCount,
} from './influx-events.ts';
import { type InfluxQL, ident, influxql, integer, join, millis, qualified } from './influxql.ts';
import { LineProtocolError } from './line-protocol.ts';
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

export const influxStoreOptionsSchema = influxConnectionSchema
  .extend({
    /** Runs CREATE DATABASE on open; turn off where the user may not (2.x/3.x, or a read-only user). */
    createDatabase: z.boolean().default(true),
    /**
     * The database of the derived series, which reports read, when they should outlive the events:
     * there InfluxDB's own retention (a 3.x database's retention period, a 2.x bucket's) can expire
     * events while reports stay. Written to its default retention policy. Default: `database`.
     */
    reportsDatabase: z.string().min(1).optional(),
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
  const { createDatabase, reportsDatabase, ...connection } = parseOptions(influxStoreOptionsSchema, options);
  const client = createInfluxClient(connection);
  const reports = reportsDatabase
    ? createInfluxClient({ ...connection, database: reportsDatabase, retentionPolicy: undefined })
    : client;
  await client.ping();
  // 2.x, 3.x and users without admin rights may refuse CREATE DATABASE where the database already
  // exists under another name (a bucket); go on, and let the first write say so if it does not.
  if (createDatabase) {
    for (const c of new Set([client, reports]))
      await c.createDatabase().catch((error: unknown) => ignoreInfluxRefusal(error));
  }
  let closed = false;
  const deskKeys = createDeskKeys();
  // Events and derived series go in one write when they share a database, as ingest's batches do.
  const writes: ReadonlyArray<[InfluxClient, readonly (keyof WriteBatch)[], 'ms' | 'ns']> =
    reports === client
      ? [
          [client, [...EVENT_KINDS, ...DERIVED_KINDS], 'ms'],
          [client, ['deadLetters'], 'ns'],
        ]
      : [
          [client, EVENT_KINDS, 'ms'],
          [reports, DERIVED_KINDS, 'ms'],
          [client, ['deadLetters'], 'ns'],
        ];

  /** Reads one measurement, ordered by time and then by id, as the Store contract asks. */
  const reader =
    (c: InfluxClient, retentionPolicy: string | undefined) =>
    async <T extends { ts: number }>(
      measurement: string,
      columns: string[],
      condition: InfluxQL,
      toRecord: (row: Record<string, unknown>) => T,
      id: (record: T) => string,
    ): Promise<T[]> => {
      const from = qualified(retentionPolicy, measurement);
      const rows = await select(c, influxql`SELECT ${fields(columns)} FROM ${from} WHERE ${condition}`);
      return rows.map(toRecord).sort((a, b) => a.ts - b.ts || compare(id(a), id(b)));
    };
  const read = reader(client, connection.retentionPolicy);

  async function select(c: InfluxClient, q: InfluxQL): Promise<Record<string, unknown>[]> {
    if (closed) throw new InfluxError('the InfluxDB store is closed');
    return (await c.query(q)).flatMap(rowsOf);
  }

  return {
    kind: 'influxdb',
    async write(batch: WriteBatch) {
      if (closed) throw new InfluxError('the InfluxDB store is closed');
      const rejected: RejectedRecord[] = [];
      for (const [c, kinds, precision] of writes) {
        const encoded = encodeAll(batch, kinds, deskKeys);
        rejected.push(...encoded.refused);
        if (encoded.lines.length > 0)
          rejected.push(...refused(encoded, await c.write(encoded.lines, precision)));
      }
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
      const from = qualified(connection.retentionPolicy, DEAD_LETTER);
      const rows = await select(
        client,
        influxql`SELECT ${columns} FROM ${from} WHERE ${timeRange(query)} ORDER BY time ASC${limit}`,
      );
      return rows.map(toDeadLetter);
    },
    ...derivedReads(reports === client ? read : reader(reports, undefined), where),
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

const EVENT_KINDS = ['deskStates', 'doorCounts', 'deviceStatuses'] as const;
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

/** The records of a batch behind the lines InfluxDB refused, with its reason. */
function refused(encoded: Encoded, rejections: LineRejection[]): RejectedRecord[] {
  return rejections.flatMap(({ index, reason }) => {
    const kind = encoded.kinds[encoded.originKind[index] ?? -1];
    const at = encoded.originIndex[index];
    return kind && at !== undefined ? [{ kind, index: at, reason: `InfluxDB refused it: ${reason}` }] : [];
  });
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
