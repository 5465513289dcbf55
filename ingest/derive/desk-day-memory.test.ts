import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, indexSite, parseSite } from '../../protocol/index.ts';
import { DESK_BUCKET_MS, type DeskDayRecord, type DeskUsageRecord } from '../../store/derived-records.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import { createDeskDayMemory } from './desk-day-memory.ts';
import { deriveDeskDays } from './desk-days.ts';
import { seededRandom } from './seeded-random.ts';

// Desk days summed in memory against deriveDeskDays reading the store, over three local days around
// the end of daylight saving time in Rome (a 25-hour day), buckets written again with new values.

const index = indexSite(parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8'))));
const desks = [...index.desks.entries()].slice(0, 6);
const FROM = Date.UTC(2026, 9, 24, 20, 0); // Saturday 22:00 in Rome; Sunday 25 October has 25 hours
const TO = FROM + 52 * 3_600_000;

function buckets(seed: number): DeskUsageRecord[] {
  const random = seededRandom(seed);
  const out: DeskUsageRecord[] = [];
  for (let ts = FROM; ts < TO; ts += DESK_BUCKET_MS) {
    for (const [desk, place] of desks) {
      if (random() < 0.3) continue;
      const knownMs = Math.floor(random() * DESK_BUCKET_MS);
      const where = { site: 'demo', floor: place.floor.id, zone: place.zone.id, desk };
      out.push({
        ...where,
        ts,
        knownMs,
        occupiedMs: Math.floor(random() * knownMs),
        arrivals: Math.floor(random() * 3),
      });
    }
  }
  return out;
}

const sorted = (days: DeskDayRecord[]) =>
  [...days].sort((a, b) => a.ts - b.ts || a.desk.localeCompare(b.desk));

describe('desk day memory', () => {
  it('sums the same desk days as reading the store, across a 25-hour day, buckets rewritten', async () => {
    const store = await openSqliteStore({ file: ':memory:' });
    const memory = createDeskDayMemory(index);
    const days = memory.daysOf(FROM, TO);
    expect(days.length).toBe(4); // Saturday evening, Sunday (25 h), Monday, Tuesday morning
    for (const day of days) memory.load(day, []);
    const first = buckets(1);
    // The same buckets again with other values, as a late event makes a range be derived again.
    const again = buckets(2).filter((_, i) => i % 3 === 0);
    for (const batch of [first, again]) {
      await store.write({ deskUsage: batch });
      memory.put(batch);
    }
    const fromStore = await deriveDeskDays(store, index, FROM, TO);
    const fromMemory = days.flatMap((day) => memory.deskDays(day));
    expect(fromStore.length).toBeGreaterThan(desks.length * 3);
    expect(sorted(fromMemory)).toEqual(sorted(fromStore));
    await store.close();
  });
});
