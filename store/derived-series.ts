import type {
  DeskDayRecord,
  DeskUsageRecord,
  FloorQuarterRecord,
  SiteMinuteRecord,
  SiteQuarterRecord,
  ZoneMinuteRecord,
  ZoneQuarterRecord,
} from './derived-records.ts';

// One description of each derived series, from which both stores build their tables, writes and
// reads, so SQLite and InfluxDB cannot drift apart. Tags (and ts) identify a record; values are data.

export type ValueType = 'int' | 'float' | 'nullable-int';
export type SeriesSpec = {
  /** Table or measurement name. */
  name: string;
  /** Identifying fields besides `site` and `ts`, in key order; the last one filters reads by id. */
  tags: readonly string[];
  values: ReadonlyArray<readonly [field: string, type: ValueType]>;
};

const minuteValues = [
  ['occupiedAvg', 'float'],
  ['occupiedMax', 'int'],
  ['knownAvg', 'float'],
] as const;
const quarterValues = [
  ['minutes', 'int'],
  ['occupiedSum', 'float'],
  ['knownSum', 'float'],
  ['usedMinutes', 'int'],
  ['occupiedMax', 'int'],
  ['occupiedMaxAt', 'nullable-int'],
] as const;

export const SERIES = {
  deskUsage: {
    name: 'desk_usage',
    tags: ['floor', 'zone', 'desk'],
    values: [
      ['occupiedMs', 'int'],
      ['knownMs', 'int'],
      ['arrivals', 'int'],
    ],
  },
  zoneMinutes: { name: 'zone_minute', tags: ['floor', 'zone'], values: minuteValues },
  siteMinutes: { name: 'site_minute', tags: [], values: [...minuteValues, ['headcount', 'nullable-int']] },
  zoneQuarters: { name: 'zone_quarter', tags: ['floor', 'zone'], values: quarterValues },
  floorQuarters: { name: 'floor_quarter', tags: ['floor'], values: quarterValues },
  siteQuarters: {
    name: 'site_quarter',
    tags: [],
    values: [
      ...quarterValues,
      ['headcountSum', 'int'],
      ['headcountMinutes', 'int'],
      ['headcountMax', 'nullable-int'],
      ['headcountMaxAt', 'nullable-int'],
    ],
  },
  deskDays: {
    name: 'desk_day',
    tags: ['floor', 'zone', 'desk'],
    values: [
      ['openOccupiedMs', 'int'],
      ['openKnownMs', 'int'],
      ['openArrivals', 'int'],
      ['occupiedMs', 'int'],
      ['knownMs', 'int'],
      ['arrivals', 'int'],
    ],
  },
} satisfies Record<string, SeriesSpec>;

export type SeriesName = keyof typeof SERIES;

/** The record type of each series. */
export type SeriesRecord = {
  deskUsage: DeskUsageRecord;
  zoneMinutes: ZoneMinuteRecord;
  siteMinutes: SiteMinuteRecord;
  zoneQuarters: ZoneQuarterRecord;
  floorQuarters: FloorQuarterRecord;
  siteQuarters: SiteQuarterRecord;
  deskDays: DeskDayRecord;
};

export const SERIES_NAMES = Object.keys(SERIES) as SeriesName[];

/** Field name to column name: occupiedMs → occupied_ms. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
