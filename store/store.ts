import type { SeriesName, SeriesRecord } from './derived-series.ts';
import type {
  DeadLetterRecord,
  DeskStateRecord,
  DeviceStatusRecord,
  DoorCountRecord,
  TimeRange,
  WriteBatch,
} from './records.ts';

/** A record the store would not take, named by its place in the batch. */
export type RejectedRecord = { kind: keyof WriteBatch; index: number; reason: string };

export type WriteResult = { rejected: RejectedRecord[] };

/**
 * The time-series store: SQLite (embedded default) and InfluxDB implement it, and one contract
 * suite (store-contract.ts) holds both to the same behaviour.
 * Reads return records ordered by time, then by id; ranges are [from, to).
 */
export type Store = {
  readonly kind: 'sqlite' | 'influxdb';
  /**
   * Writes every record it can; records the store refuses (InfluxDB: a line it would not take) come
   * back by kind and index with the reason, the rest of the batch being written all the same.
   * Rejects when nothing could be written (the store is down): the caller retries the whole batch.
   */
  write(batch: WriteBatch): Promise<WriteResult>;
  deskStates(query: TimeRange & { site: string; desk?: string }): Promise<DeskStateRecord[]>;
  doorCounts(query: TimeRange & { site: string; door?: string }): Promise<DoorCountRecord[]>;
  deviceStatuses(query: TimeRange & { site: string; device?: string }): Promise<DeviceStatusRecord[]>;
  deadLetters(query: TimeRange & { limit?: number }): Promise<DeadLetterRecord[]>;
  /**
   * One derived series (store/derived-series.ts) of a site over [from, to), optionally of one desk
   * or zone (`id`), ordered by time and then id.
   */
  series<K extends SeriesName>(
    name: K,
    query: TimeRange & { site: string; id?: string },
  ): Promise<SeriesRecord[K][]>;
  /**
   * Deletes the events (desk states, door counts, device statuses) older than `events`, and the dead
   * letters older than `deadLetters` (epoch ms); the derived series stay. Rejects where the store
   * cannot delete (InfluxDB 3 has no InfluxQL DELETE: set the database's retention period there).
   */
  expire(before: { events?: number | undefined; deadLetters?: number | undefined }): Promise<void>;
  /** Resolves when the store answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
};
