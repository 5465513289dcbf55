// The deriver: turns stored desk and door events into the derived series reports read (desk usage per
// 15 minutes, zone and site minutes), recomputing only the ranges that new events made stale.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Logger, pino } from 'pino';
import { indexSite, lastLocalTime, type Site, type SiteIndex } from '../../protocol/index.ts';
import { DESK_BUCKET_MS } from '../../store/derived-records.ts';
import type { WriteBatch } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { deriveRange } from './derive-range.ts';
import { deriveDeskDays } from './desk-days.ts';
import { addRange, type Range } from './dirty-ranges.ts';

export type DeriverOptions = {
  store: Store;
  sites: readonly Site[];
  /** How long a desk report holds without another: the API's offline window. */
  windowMs?: number;
  /** Largest range derived in one go; bounds memory on a backfill of weeks. */
  chunkMs?: number;
  /** Where stale ranges are kept across a crash, so no range is left underived. */
  stateFile?: string;
  logger?: Logger;
  now?: () => number;
};

export type DeriverStats = { runs: number; written: number; pendingRanges: number };

export function createDeriver(options: DeriverOptions) {
  const windowMs = options.windowMs ?? 11 * 60_000;
  const chunkMs = options.chunkMs ?? 6 * 3_600_000;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? pino({ level: 'silent' });
  const sites = new Map<string, SiteIndex>(options.sites.map((s) => [s.id, indexSite(s)]));
  let dirty = new Map<string, Range[]>(Object.entries(loadState(options.stateFile)));
  const stats: DeriverStats = { runs: 0, written: 0, pendingRanges: 0 };
  let running: Promise<void> | undefined;

  const floor = (ts: number) => Math.floor(ts / DESK_BUCKET_MS) * DESK_BUCKET_MS;
  const ceil = (ts: number) => Math.ceil(ts / DESK_BUCKET_MS) * DESK_BUCKET_MS;
  // Ranges end no later than the offline window after now: the future beyond it is unknown anyway.
  const horizon = () => ceil(now() + windowMs);

  const mark = (site: string, from: number, to: number) => {
    const index = sites.get(site);
    if (!index) return;
    const range = { from: floor(from), to: Math.min(ceil(to), horizon()) };
    if (range.to <= range.from) return;
    dirty.set(site, addRange(dirty.get(site) ?? [], range, DESK_BUCKET_MS));
  };

  async function derive(): Promise<void> {
    const work = dirty;
    dirty = new Map();
    for (const [site, ranges] of work) {
      const index = sites.get(site);
      if (!index) continue;
      for (const range of ranges) {
        for (let from = range.from; from < range.to; from += chunkMs) {
          const to = Math.min(range.to, from + chunkMs);
          try {
            const batch = await deriveRange(options.store, index, windowMs, from, to);
            await options.store.write(batch);
            const deskDays = await deriveDeskDays(options.store, index, from, to);
            await options.store.write({ deskDays });
            stats.written += Object.values(batch).reduce((n, records) => n + records.length, deskDays.length);
          } catch (error) {
            // Keep what is left for the next run: derived series are late, never wrong.
            mark(site, from, range.to);
            logger.warn({ err: (error as Error).message, site }, 'deriving failed; will retry');
            break;
          }
        }
      }
    }
    stats.runs += 1;
    saveState(options.stateFile, dirty);
  }

  return {
    /** Takes a new or edited site model for what is derived from now on. */
    putSite(site: Site): void {
      sites.set(site.id, indexSite(site));
    },
    /** Marks what a stored batch made stale. Cheap: call it after every store write. */
    markStored(batch: WriteBatch): void {
      for (const r of batch.deskStates ?? []) mark(r.site, r.ts, r.ts + windowMs);
      for (const r of batch.doorCounts ?? []) {
        const site = sites.get(r.site)?.site;
        if (!site) continue;
        // A door report changes the headcount until the next daily reset.
        const nextReset = lastLocalTime(r.ts + 26 * 3_600_000, site.dailyReset, site.timezone);
        mark(r.site, r.ts, nextReset);
      }
      saveState(options.stateFile, dirty);
    },
    /** Derives everything marked so far; concurrent calls share one run. */
    run(): Promise<void> {
      running ??= derive().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Resolves once everything marked before the call is derived, even if a run was under way. */
    async flush(): Promise<void> {
      await this.run();
      await this.run();
    },
    stats: (): DeriverStats => ({
      ...stats,
      pendingRanges: [...dirty.values()].reduce((n, r) => n + r.length, 0),
    }),
  };
}

export type Deriver = ReturnType<typeof createDeriver>;

function loadState(file: string | undefined): Record<string, Range[]> {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Range[]>;
  } catch {
    return {};
  }
}

function saveState(file: string | undefined, dirty: Map<string, Range[]>): void {
  if (!file) return;
  writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(dirty)));
  renameSync(`${file}.tmp`, file);
}
