import type { Logger } from 'pino';
import { backfill, replay, scaleSites, start as startSim } from '../firmware-sim/index.ts';
import type { Site } from '../protocol/index.ts';
import type { Store } from '../store/index.ts';
import type { Config } from './config.ts';

// The simulator as `start` and `sim` run it: live devices, plus history (backfill, replay) sent alongside
// in the background with a progress bar on stderr, stopped cleanly on shutdown.

type Login = { mqttUsername?: string | undefined; mqttPassword?: string | undefined };

export type Simulation = {
  seed: number;
  devices: number;
  /** Lines for the banner. */
  lines: string[];
  close(): Promise<void>;
};

const DAY_MS = 86_400_000;
const START_BACKFILL_DAYS = 28;
// Look for recent history in growing windows, so a store that has some answers from a small read.
const HISTORY_WINDOWS_DAYS = [1 / 24, 1, 7];

/** The sites the simulator plays: the configured ones, copied up to `--sim-devices` for load tests. */
export function simSites(config: Config, sites: Site[]): Site[] {
  return scaleSites(sites, config.simDevices);
}

/**
 * Starts the live devices, then the history jobs in the background. With a `store` (prossima start), the
 * backfill covers only sites with no desk history in the backfill's window: a first run.
 */
export async function startSimulation(
  config: Config,
  sites: Site[],
  options: { mqttUrl: string; login: Login; logger: Logger; store?: Store; profileShift: 'none' | 'auto' },
): Promise<Simulation> {
  const { mqttUrl, login, logger } = options;
  // Before the live devices start: their first states must not count as history.
  const wanted = config.simBackfillDays ?? (options.store ? START_BACKFILL_DAYS : 0);
  // History older than the days of events kept would only be set aside as too old: it stops a day
  // short of them, or its first events would be as they arrive.
  const days = config.keepEventsDays > 0 ? Math.min(wanted, config.keepEventsDays - 1) : wanted;
  const now = Date.now();
  const empty =
    days > 0 && options.store ? await sitesWithoutHistory(options.store, sites, days, now) : sites;
  const faults = {
    drop: config.simDrop,
    duplicate: config.simDuplicate,
    reorder: config.simReorder,
    delay: config.simDelay,
    skew: config.simSkew,
    malformed: config.simMalformed,
    offline: config.simOffline,
    flap: config.simFlap,
    missCrossings: config.simMissCrossings,
  };
  const sim = await startSim({
    mqttUrl,
    ...login,
    sites,
    seed: config.simSeed,
    speed: config.simSpeed,
    profileShift: options.profileShift,
    rate: config.simRate,
    faults,
    logger,
  });
  const stop = new AbortController();
  const jobs: Array<Promise<unknown>> = [];
  const lines = [`Simulator   ${sim.devices} devices -> ${mqttUrl} (seed ${sim.seed})`];
  const common = { mqttUrl, ...login, logger, progress: process.stderr, signal: stop.signal };
  if (days > 0 && empty.length > 0) {
    lines.push(`History     ${days} days for ${siteList(empty)}, sending in the background`);
    // History ends at each site's daily reset: today belongs to the live devices (see backfill.ts).
    jobs.push(
      backfill({
        ...common,
        sites: empty,
        days,
        seed: sim.seed,
        now: () => now,
        until: 'daily-reset',
        faults,
      }),
    );
  }
  if (config.simReplay) {
    lines.push(`Replay      ${config.simReplay}, sending in the background`);
    jobs.push(
      replay({
        ...common,
        sites,
        file: config.simReplay,
        shift: config.simReplayShift,
        door: config.simReplayDoor,
      }),
    );
  }
  // A failed job is logged, never fatal: the live devices go on.
  const running = jobs.map((job) =>
    job.catch((error: Error) => logger.error({ err: error.message }, 'simulator history failed')),
  );
  return {
    seed: sim.seed,
    devices: sim.devices,
    lines,
    close: async () => {
      stop.abort();
      await Promise.all(running);
      await sim.close();
    },
  };
}

/** Sites with no desk state stored in the last `days` days. */
async function sitesWithoutHistory(store: Store, sites: Site[], days: number, now: number): Promise<Site[]> {
  const empty: Site[] = [];
  for (const site of sites) {
    let found = false;
    for (const window of [...HISTORY_WINDOWS_DAYS.filter((w) => w < days), days]) {
      const rows = await store.deskStates({ site: site.id, from: now - window * DAY_MS, to: now + 1 });
      if (rows.length > 0) {
        found = true;
        break;
      }
    }
    if (!found) empty.push(site);
  }
  return empty;
}

function siteList(sites: Site[]): string {
  const ids = sites.map((s) => s.id);
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}
