import {
  DESK_BUCKET_MS,
  type SiteQuarterRecord,
  type ZoneQuarterRecord,
} from '../../store/derived-records.ts';

type MinuteLike = { ts: number; occupiedAvg: number; occupiedMax: number; knownAvg: number };
type Quarter = Omit<ZoneQuarterRecord, 'site' | 'floor' | 'zone'>;

/**
 * Sums minutes into quarter hours (definitions in store/derived-records.ts). Minutes must be sorted
 * and cover whole quarters: the deriver always works on ranges aligned to 15 minutes.
 */
export function quarters(minutes: readonly MinuteLike[]): Quarter[] {
  const out: Quarter[] = [];
  for (const minute of minutes) {
    const ts = Math.floor(minute.ts / DESK_BUCKET_MS) * DESK_BUCKET_MS;
    let quarter = out.at(-1);
    if (quarter?.ts !== ts) {
      quarter = {
        ts,
        minutes: 0,
        occupiedSum: 0,
        knownSum: 0,
        usedMinutes: 0,
        occupiedMax: 0,
        occupiedMaxAt: null,
      };
      out.push(quarter);
    }
    if (minute.knownAvg <= 0) continue;
    quarter.minutes += 1;
    quarter.occupiedSum = round(quarter.occupiedSum + minute.occupiedAvg);
    quarter.knownSum = round(quarter.knownSum + minute.knownAvg);
    if (minute.occupiedMax >= 1) quarter.usedMinutes += 1;
    if (quarter.occupiedMaxAt === null || minute.occupiedMax > quarter.occupiedMax) {
      quarter.occupiedMax = minute.occupiedMax;
      quarter.occupiedMaxAt = minute.ts;
    }
  }
  return out;
}

/** Adds the headcount of each minute (null without doors) to the site's quarters. */
export function siteQuarters(
  site: string,
  minutes: ReadonlyArray<MinuteLike & { headcount: number | null }>,
): SiteQuarterRecord[] {
  const sums = quarters(minutes).map((q) => ({
    site,
    ...q,
    headcountSum: 0,
    headcountMinutes: 0,
    headcountMax: null as number | null,
    headcountMaxAt: null as number | null,
  }));
  let i = 0;
  for (const minute of minutes) {
    while ((sums[i]?.ts ?? Number.POSITIVE_INFINITY) + DESK_BUCKET_MS <= minute.ts) i++;
    const quarter = sums[i];
    if (!quarter || minute.headcount === null) continue;
    quarter.headcountSum += minute.headcount;
    quarter.headcountMinutes += 1;
    if (quarter.headcountMax === null || minute.headcount > quarter.headcountMax) {
      quarter.headcountMax = minute.headcount;
      quarter.headcountMaxAt = minute.ts;
    }
  }
  return sums;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
