// The deriver: turns stored desk and door events into the derived series reports read (desk usage per
// 15 minutes, zone and site minutes), recomputing only the ranges that new events made stale.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Logger, pino } from 'pino';
import { indexSite, type Site, type SiteIndex } from '../../protocol/index.ts';
import { DESK_BUCKET_MS, type DeskDayRecord, type DeskUsageRecord } from '../../store/derived-records.ts';
import type { DoorCountRecord, WriteBatch } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { deriveRange, doorsFrom, type RangeInput, readRangeInput } from './derive-range.ts';
import { createDeskDayMemory, type DeskDayMemory } from './desk-day-memory.ts';
import { deriveDeskDays } from './desk-days.ts';
import { addRange, type Range } from './dirty-ranges.ts';
import { createSiteMemory, type DeskReport, type SiteMemory } from './site-memory.ts';
import { createWrittenMemory } from './written-memory.ts';

export type DeriverOptions = {
  store: Store;
  sites: readonly Site[];
  /** How long a desk report holds without another: the API's offline window. */
  windowMs?: number;
  /** Largest range derived in one go; bounds memory on a backfill of weeks. */
  chunkMs?: number;
  /** Where stale ranges are kept across a crash, so no range is left underived. */
  stateFile?: string;
  /**
   * Derive recent ranges from the events handed to `markStored`, kept in memory (site-memory.ts),
   * instead of reading them back from the store on every run. Only right when this deriver is handed
   * every event of its sites: turn it off when other workers write the same sites (shared subscriptions).
   */
  incremental?: boolean;
  /** How far back that memory reaches; older stale ranges (late events, backfills) are read from the store. */
  memoryMs?: number;
  logger?: Logger;
  now?: () => number;
};

export type DeriverStats = {
  runs: number;
  written: number;
  pendingRanges: number;
  /** Ranges derived from the events held in memory. */
  fromMemory: number;
  /** Ranges derived by reading the events back from the store. */
  fromStore: number;
  /** Times a site's memory was filled from the store: after a start, or a late event it could not place. */
  memoryLoads: number;
  /** Local days whose desk usage was read back from the store to sum desk days (once per day when incremental). */
  dayLoads: number;
  /** Derived records not written again because they came out as last written. */
  unchanged: number;
};

const FAR_FUTURE_MS = 7 * 24 * 3_600_000;

export function createDeriver(options: DeriverOptions) {
  const windowMs = options.windowMs ?? 11 * 60_000;
  const chunkMs = options.chunkMs ?? 6 * 3_600_000;
  const memoryMs = options.memoryMs ?? 3_600_000;
  const incremental = options.incremental ?? true;
  const { store } = options;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? pino({ level: 'silent' });
  const sites = new Map<string, SiteIndex>(options.sites.map((s) => [s.id, indexSite(s)]));
  let dirty = new Map<string, Range[]>(Object.entries(loadState(options.stateFile)));
  /** The ranges of the run under way, taken out of `dirty`. */
  let deriving = new Map<string, Range[]>();
  let saved = JSON.stringify(Object.fromEntries(dirty));
  const memories = new Map<string, SiteMemory>();
  const dayMemories = new Map<string, DeskDayMemory>();
  const written = incremental ? createWrittenMemory() : undefined;
  // Events stored while a site's memory is being read from the store, to add once it is.
  const loading = new Map<string, { desks: DeskReport[]; doors: DoorCountRecord[] }>();
  const stats = {
    runs: 0,
    written: 0,
    fromMemory: 0,
    fromStore: 0,
    memoryLoads: 0,
    dayLoads: 0,
    unchanged: 0,
  };
  let running: Promise<void> | undefined;

  const floor = (ts: number) => Math.floor(ts / DESK_BUCKET_MS) * DESK_BUCKET_MS;
  const ceil = (ts: number) => Math.ceil(ts / DESK_BUCKET_MS) * DESK_BUCKET_MS;
  // Ranges end no later than the offline window after now: the future beyond it is unknown anyway.
  const horizon = () => ceil(now() + windowMs);

  const mark = (site: string, ranges: readonly Range[]) => {
    if (!sites.has(site)) return;
    let list = dirty.get(site) ?? [];
    for (const range of ranges) list = addRange(list, range, DESK_BUCKET_MS);
    dirty.set(site, list);
  };

  function save(): void {
    const text = JSON.stringify(Object.fromEntries(dirty));
    if (text === saved) return;
    saveState(options.stateFile, text);
    saved = text;
  }

  function remember(batch: WriteBatch): void {
    for (const r of batch.deskStates ?? []) {
      memories.get(r.site)?.addDesk(r);
      loading.get(r.site)?.desks.push(r);
    }
    for (const r of batch.doorCounts ?? []) {
      memories.get(r.site)?.addDoor(r);
      loading.get(r.site)?.doors.push(r);
    }
    for (const [site, memory] of memories) if (memory.from() === undefined) memories.delete(site);
  }

  /** Fills a site's memory from the store, from the start of its first recent stale range. */
  async function load(site: string, index: SiteIndex, ranges: readonly Range[]): Promise<void> {
    const earliest = floor(now() - memoryMs);
    const first = ranges.find((r) => r.to > earliest);
    if (!first || memories.has(site)) return;
    const from = Math.max(earliest, first.from);
    const doorStart = doorsFrom(index, from);
    const until = now() + FAR_FUTURE_MS;
    const held = { desks: [] as DeskReport[], doors: [] as DoorCountRecord[] };
    loading.set(site, held);
    try {
      const [desks, doors] = await Promise.all([
        store.deskStates({ site, from: from - windowMs, to: until }),
        index.doors.size > 0 ? store.doorCounts({ site, from: doorStart, to: until }) : [],
      ]);
      const memory = createSiteMemory(windowMs, from, doorStart);
      for (const r of desks) memory.addDesk(r);
      for (const r of doors) memory.addDoor(r);
      for (const r of held.desks) memory.addDesk(r);
      for (const r of held.doors) memory.addDoor(r);
      stats.memoryLoads += 1;
      if (memory.from() !== undefined) memories.set(site, memory);
    } finally {
      loading.delete(site);
    }
  }

  async function deriveChunk(site: string, index: SiteIndex, from: number, to: number): Promise<void> {
    const memory = memories.get(site);
    const start = memory?.from();
    let input: RangeInput;
    if (memory && start !== undefined && from >= start) {
      const doors = memory.doors(doorsFrom(index, from), to);
      input = { segments: (desk) => memory.segments(desk, from, to), doors };
      stats.fromMemory += 1;
    } else {
      input = await readRangeInput(store, index, windowMs, from, to);
      stats.fromStore += 1;
    }
    // Synchronous from the memory check on: no event can change the memory half way.
    const batch = deriveRange(index, input, from, to);
    await writeChanged(batch);
    const deskDays = await deskDaysOf(index, from, to, batch.deskUsage);
    await writeChanged({ deskDays });
  }

  async function writeChanged(batch: WriteBatch): Promise<void> {
    const count = (b: WriteBatch) => Object.values(b).reduce((n, records) => n + records.length, 0);
    const changed = written?.pick(batch) ?? { batch, confirm: () => undefined };
    const n = count(changed.batch);
    stats.unchanged += count(batch) - n;
    if (n === 0) return;
    await store.write(changed.batch);
    changed.confirm();
    stats.written += n;
  }

  /**
   * The desk days [from, to) touches, once its desk usage `written` is in the store: summed in memory
   * when this deriver is the only one writing the site's series, read back from the store otherwise.
   */
  async function deskDaysOf(
    index: SiteIndex,
    from: number,
    to: number,
    written: readonly DeskUsageRecord[],
  ): Promise<DeskDayRecord[]> {
    if (!incremental) return deriveDeskDays(store, index, from, to);
    const site = index.site.id;
    let memory = dayMemories.get(site);
    if (!memory) {
      memory = createDeskDayMemory(index);
      dayMemories.set(site, memory);
    }
    const days = memory.daysOf(from, to);
    for (const day of days) {
      if (memory.has(day)) continue;
      memory.load(day, await store.series('deskUsage', { site, from: day, to: memory.nextDay(day) }));
      stats.dayLoads += 1;
    }
    memory.put(written);
    return days.flatMap((day) => memory.deskDays(day));
  }

  async function deriveSite(site: string, index: SiteIndex, ranges: readonly Range[]): Promise<void> {
    for (const [i, range] of ranges.entries()) {
      for (let from = range.from; from < range.to; ) {
        // A chunk never straddles the start of the memory, so the part after it comes from memory.
        const start = memories.get(site)?.from();
        const cut = start !== undefined && start > from ? start : Number.POSITIVE_INFINITY;
        const to = Math.min(range.to, from + chunkMs, cut);
        try {
          await deriveChunk(site, index, from, to);
        } catch (error) {
          // Keep what is left for the next run: derived series are late, never wrong.
          mark(site, [{ from, to: range.to }, ...ranges.slice(i + 1)]);
          logger.warn({ err: (error as Error).message, site }, 'deriving failed; will retry');
          return;
        }
        from = to;
      }
    }
  }

  async function derive(): Promise<void> {
    const work = dirty;
    dirty = new Map();
    deriving = work;
    try {
      await deriveAll(work);
    } finally {
      deriving = new Map();
    }
  }

  async function deriveAll(work: Map<string, Range[]>): Promise<void> {
    for (const [site, ranges] of work) {
      const index = sites.get(site);
      if (!index) continue;
      if (incremental) {
        await load(site, index, ranges).catch((error: Error) => {
          logger.warn({ err: error.message, site }, 'cannot load recent events; reading each range');
        });
      }
      await deriveSite(site, index, ranges);
    }
    const start = floor(now() - memoryMs);
    for (const [site, memory] of memories) {
      const index = sites.get(site);
      if (index) memory.forget(start, doorsFrom(index, start));
    }
    for (const memory of dayMemories.values()) memory.forget(start);
    written?.forget(start);
    stats.runs += 1;
    save();
  }

  return {
    /** Takes a new or edited site model for what is derived from now on. */
    putSite(site: Site): void {
      sites.set(site.id, indexSite(site));
      // Desks may have moved, opening hours changed: the next run reads the site's recent events again.
      memories.delete(site.id);
      dayMemories.delete(site.id);
      written?.forget(Number.NEGATIVE_INFINITY, site.id);
    },
    /** Marks what a stored batch made stale, and keeps its events. Cheap: call it after every store write. */
    markStored(batch: WriteBatch): void {
      if (incremental) remember(batch);
      const end = horizon();
      const marks = new Map<string, Range[]>();
      const add = (site: string, from: number, to: number) => {
        const lo = floor(from);
        const hi = Math.min(ceil(to), end);
        if (hi <= lo) return;
        const list = marks.get(site);
        const last = list?.at(-1);
        // Live events land in one range: extend it (no object per event) rather than merging each
        // event into the list.
        if (last && lo <= last.to && hi >= last.from) {
          if (lo < last.from) last.from = lo;
          if (hi > last.to) last.to = hi;
        } else if (list) list.push({ from: lo, to: hi });
        else marks.set(site, [{ from: lo, to: hi }]);
      };
      for (const r of batch.deskStates ?? []) add(r.site, r.ts, r.ts + windowMs);
      for (const r of batch.doorCounts ?? []) {
        const index = sites.get(r.site);
        if (!index) continue;
        // A door report changes the headcount until the next daily reset.
        add(r.site, r.ts, index.clock.lastLocalTime(r.ts + 26 * 3_600_000, index.site.dailyReset));
      }
      for (const [site, ranges] of marks) mark(site, ranges);
    },
    /**
     * Saves what is marked and not yet derived. Ingest calls it before it saves its checkpoint, so
     * marks are never lost to a crash: whatever the checkpoint says is stored was marked on disk.
     */
    save,
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
    /** Where the oldest range marked and not yet derived starts: history the deriver will still read. */
    oldestPending(): number | undefined {
      let oldest: number | undefined;
      for (const marked of [dirty, deriving]) {
        for (const ranges of marked.values()) {
          for (const range of ranges) if (oldest === undefined || range.from < oldest) oldest = range.from;
        }
      }
      return oldest;
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

function saveState(file: string | undefined, text: string): void {
  if (!file) return;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
