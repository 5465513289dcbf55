import { readFile } from 'node:fs/promises';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { describeIssues, deskStateTopic, doorCountTopic, type Site, zonedTime } from '../protocol/index.ts';
import { openBulkPublisher } from './bulk-publisher.ts';
import { createProgressBar, type ProgressStream } from './progress-bar.ts';
import { parseReplayCsv, type ReplayRow, type WallTime } from './replay-csv.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
// Room left after the shifted file's end, so a daylight-saving change cannot push it into the future.
const SHIFT_MARGIN_MS = 2 * 3_600_000;

export const replayOptionsSchema = z.object({
  mqttUrl: z.string().min(1),
  mqttUsername: z.string().optional(),
  mqttPassword: z.string().optional(),
  /** The recording: CalIt2's door file, or a CSV with a header (see replay-csv.ts). */
  file: z.string().min(1),
  /**
   * 'none' keeps the file's dates; 'auto' moves them by whole weeks (weekdays and times of day stay as
   * recorded) so the file ends within the last week; a number moves them that many days.
   */
  shift: z.union([z.enum(['none', 'auto']), z.number().int()]).default('none'),
  /** Where rows without a door go (CalIt2 has one door): `door` of the first site, or `site/door`. */
  door: z.string().optional(),
  maxInFlight: z.number().int().positive().default(500),
  clientId: z.string().min(1).default('prossima-replay'),
});

export type ReplayOptions = z.input<typeof replayOptionsSchema> & {
  sites: readonly Site[];
  logger?: Logger;
  now?: () => number;
  progress?: ProgressStream;
  signal?: AbortSignal;
};

export type ReplayResult = {
  rows: number;
  /** Messages the broker acknowledged. */
  messages: number;
  in: number;
  out: number;
  deskStates: number;
  /** Rows still in the future after the shift: ingest would refuse them, so they are not sent. */
  skipped: number;
  shiftDays: number;
  from: number;
  to: number;
  ms: number;
};

type Timed = { row: ReplayRow; site: Site; ts: number };

/**
 * Plays a recorded CSV through MQTT as the devices would have sent it: each row one message, QoS 1, not
 * retained, with its own timestamp (shifted on request), as fast as the broker acknowledges.
 * @example await replay({ mqttUrl, sites, file: 'CalIt2.data', shift: 'auto' }) // { in: 19597, out: 18837, … }
 */
export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  const parsed = replayOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`replay options: ${describeIssues(parsed.error)}`);
  const config = parsed.data;
  const began = performance.now();
  const now = (options.now ?? Date.now)();
  const rows = parseReplayCsv(await readFile(config.file, 'utf8'));
  const target = doorTarget(options.sites, config.door);
  const siteOf = (row: ReplayRow) => {
    const site = row.site === undefined ? target.site : options.sites.find((s) => s.id === row.site);
    if (!site) throw new Error(`replay: site "${row.site}" is not one of the sites given`);
    return site;
  };
  const at = (row: ReplayRow, site: Site, days: number) =>
    'epoch' in row.time ? row.time.epoch + days * DAY_MS : wallToEpoch(row.time.wall, days, site.timezone);
  const unshifted = rows.map((row) => at(row, siteOf(row), 0));
  const last = unshifted.reduce((max, ts) => Math.max(max, ts), Number.NEGATIVE_INFINITY);
  const shiftDays =
    config.shift === 'none'
      ? 0
      : config.shift === 'auto'
        ? rows.length === 0
          ? 0
          : 7 * Math.floor((now - last - SHIFT_MARGIN_MS) / WEEK_MS)
        : config.shift;
  const timed: Timed[] = rows
    .map((row) => ({ row, site: siteOf(row), ts: 0 }))
    .map((t) => ({ ...t, ts: at(t.row, t.site, shiftDays) }))
    .sort((a, b) => a.ts - b.ts);
  const result = await publishRows(timed, target.door, config, options, now);
  const done: ReplayResult = {
    rows: rows.length,
    shiftDays,
    ...result,
    ms: Math.round(performance.now() - began),
  };
  (options.logger ?? pino({ level: 'silent' })).info(done, 'replay done');
  return done;
}

async function publishRows(
  timed: Timed[],
  defaultDoor: string,
  config: z.output<typeof replayOptionsSchema>,
  options: ReplayOptions,
  now: number,
): Promise<Omit<ReplayResult, 'rows' | 'shiftDays' | 'ms'>> {
  const publisher = await openBulkPublisher({
    ...config,
    url: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
  });
  const bar = createProgressBar(options.progress, 'Replay');
  const totals = { in: 0, out: 0, deskStates: 0, skipped: 0 };
  const seq = new Map<string, number>();
  const nextSeq = (topic: string) => {
    const n = seq.get(topic) ?? 0;
    seq.set(topic, n + 1);
    return n;
  };
  try {
    for (const [i, { row, site, ts }] of timed.entries()) {
      if (options.signal?.aborted) break;
      if (ts > now) {
        totals.skipped++;
        continue;
      }
      if (row.kind === 'door') {
        const topic = doorCountTopic(site.id, row.door ?? defaultDoor);
        await publisher.send(topic, JSON.stringify({ in: row.in, out: row.out, ts, seq: nextSeq(topic) }));
        totals.in += row.in;
        totals.out += row.out;
      } else {
        const topic = deskStateTopic(site.id, row.desk);
        await publisher.send(topic, JSON.stringify({ occupied: row.occupied, ts, seq: nextSeq(topic) }));
        totals.deskStates++;
      }
      bar.update((i + 1) / timed.length, `${(i + 1).toLocaleString('en')} rows`);
    }
    await publisher.drain();
  } finally {
    await publisher.close();
  }
  const sent = timed.filter((t) => t.ts <= now);
  bar.done(
    `sent ${publisher.acked().toLocaleString('en')} messages (in ${totals.in.toLocaleString('en')}, ` +
      `out ${totals.out.toLocaleString('en')}, ${totals.deskStates.toLocaleString('en')} desk states)` +
      (totals.skipped > 0 ? `, ${totals.skipped} rows in the future not sent` : ''),
  );
  return {
    messages: publisher.acked(),
    ...totals,
    from: sent[0]?.ts ?? now,
    to: sent.at(-1)?.ts ?? now,
  };
}

/** The door rows without one go to: `door` (first site), `site/door`, or the first site's first door. */
function doorTarget(sites: readonly Site[], door: string | undefined): { site: Site; door: string } {
  const [siteId, doorId] = door?.includes('/') ? door.split('/') : [sites[0]?.id, door];
  const site = sites.find((s) => s.id === siteId);
  if (!site) throw new Error(`replay: door: no site "${siteId}"`);
  const doors = site.floors.flatMap((f) => f.doors.map((d) => d.id));
  const chosen = doorId ?? doors[0];
  if (!chosen || !doors.includes(chosen)) {
    throw new Error(
      `replay: door: site "${site.id}" has no door "${chosen ?? ''}" (doors: ${doors.join(', ') || 'none'})`,
    );
  }
  return { site, door: chosen };
}

function wallToEpoch(wall: WallTime, days: number, timeZone: string): number {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return zonedTime(
    { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
    { hour: wall.hour, minute: wall.minute },
    timeZone,
  );
}
