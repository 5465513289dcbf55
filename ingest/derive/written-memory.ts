import { SERIES, SERIES_NAMES } from '../../store/derived-series.ts';
import type { WriteBatch } from '../../store/records.ts';

// What the deriver last wrote for each derived record (series, site, tags, time), so a run writes only
// the records whose values changed. A run recomputes whole quarter hours, and in most of them most
// desks, zones and minutes came out as before: without this a 1,000-desk site rewrote ~3,700 points
// every two seconds, and those writes slowed the event writes they share InfluxDB with.
//
// Only for a deriver that is its series' only writer (incremental): another worker may have written
// other values since. A record counts as written once the store confirmed it (`confirm`).

/** `day`: a desk day, keyed by its local midnight and so kept a day longer. */
type Entry = { ts: number; values: string; site: string; day: boolean };

export function createWrittenMemory() {
  const last = new Map<string, Entry>();

  return {
    /** The part of `batch` that differs from what was written, and how to remember it once stored. */
    pick(batch: WriteBatch): { batch: WriteBatch; confirm: () => void } {
      const picked: WriteBatch = {};
      const pending: [string, Entry][] = [];
      for (const name of SERIES_NAMES) {
        const records = batch[name] as readonly Record<string, unknown>[] | undefined;
        if (!records || records.length === 0) continue;
        const { tags, values } = SERIES[name];
        const day = name === 'deskDays';
        const fresh = records.filter((record) => {
          let key = `${name}\u0000${record.site}\u0000${record.ts}`;
          for (const tag of tags) key += `\u0000${record[tag]}`;
          let text = '';
          for (const [field] of values) text += `${record[field]}\u0000`;
          if (last.get(key)?.values === text) return false;
          pending.push([key, { ts: record.ts as number, values: text, site: record.site as string, day }]);
          return true;
        });
        if (fresh.length > 0) (picked as Record<string, unknown>)[name] = fresh;
      }
      return {
        batch: picked,
        confirm: () => {
          for (const [key, entry] of pending) last.set(key, entry);
        },
      };
    },
    /** Forgets records before `before` (desk days a day earlier still), and everything of a site. */
    forget(before: number, site?: string): void {
      const dayCut = before - 26 * 3_600_000;
      for (const [key, entry] of last) {
        if (entry.ts < (entry.day ? dayCut : before) || entry.site === site) last.delete(key);
      }
    },
  };
}
