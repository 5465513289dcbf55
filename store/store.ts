import type {
  DeskUsageRecord,
  DeskUsageTotal,
  SiteMinuteRecord,
  ZoneMinuteRecord,
} from './derived-records.ts';
import type {
  DeadLetterRecord,
  DeskStateRecord,
  DeviceStatusRecord,
  DoorCountRecord,
  TimeRange,
  WriteBatch,
} from './records.ts';

/**
 * The time-series store: SQLite (embedded default) and InfluxDB implement it, and one contract
 * suite (store-contract.ts) holds both to the same behaviour.
 * Reads return records ordered by time, then by id; ranges are [from, to).
 */
export type Store = {
  readonly kind: 'sqlite' | 'influxdb';
  write(batch: WriteBatch): Promise<void>;
  deskStates(query: TimeRange & { site: string; desk?: string }): Promise<DeskStateRecord[]>;
  doorCounts(query: TimeRange & { site: string; door?: string }): Promise<DoorCountRecord[]>;
  deviceStatuses(query: TimeRange & { site: string; device?: string }): Promise<DeviceStatusRecord[]>;
  deadLetters(query: TimeRange & { limit?: number }): Promise<DeadLetterRecord[]>;
  deskUsage(query: TimeRange & { site: string; desk?: string }): Promise<DeskUsageRecord[]>;
  /**
   * Each desk's usage summed over [from, to), counting only buckets that start inside one of
   * `within` when it is given (e.g. the opening hours of each day). Desks with no buckets are absent.
   */
  deskUsageTotals(
    query: TimeRange & { site: string; within?: readonly TimeRange[] },
  ): Promise<DeskUsageTotal[]>;
  zoneMinutes(query: TimeRange & { site: string; zone?: string }): Promise<ZoneMinuteRecord[]>;
  siteMinutes(query: TimeRange & { site: string }): Promise<SiteMinuteRecord[]>;
  /** Resolves when the store answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
};
