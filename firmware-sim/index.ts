// The firmware simulator: plays a site's desk sensors and door counters over MQTT exactly as real devices
// would, each with its own connection, so Prossima can be demonstrated and tested without hardware.
import { connectFleet, type DeviceFleet } from './device-fleet.ts';
import type { Outbound } from './device-state.ts';
import { createLoadDriver } from './load-driver.ts';
import { createNetworkFaults, type NetworkFaultCounts } from './network-faults.ts';
import { createOccupancyModel } from './occupancy-model.ts';
import { planOutages } from './outages.ts';
import { deriveSeed } from './prng.ts';
import { profileShiftMs } from './profile-shift.ts';
import { parseSimOptions, type SimConfig, type SimOptions } from './sim-options.ts';
import { createSiteFeed, type FeedTotals, type SiteFeed } from './site-feed.ts';

export { type BackfillOptions, type BackfillResult, backfill } from './backfill.ts';
export { type FaultOptions, faultOptionsSchema } from './fault-options.ts';
export { createOccupancyModel, type OccupancyEvent, type OccupancyModel } from './occupancy-model.ts';
export { createProgressBar, type ProgressBar } from './progress-bar.ts';
export { type ReplayOptions, type ReplayResult, replay } from './replay.ts';
export { scaleSites } from './scale-sites.ts';
export { type SimOptions, simOptionsSchema } from './sim-options.ts';

export type SimStats = FeedTotals &
  NetworkFaultCounts & {
    /** Messages the broker acknowledged (QoS 1 PUBACK). */
    published: number;
    /** Publishes that failed: the connection closed before the broker acknowledged. */
    failed: number;
    inFlight: number;
    /** Devices connected right now. */
    connected: number;
    reconnects: number;
    /**
     * Outages the offline fault caused (one due while its device is still away is skipped), and the
     * messages devices made while they were down.
     */
    outages: number;
    lostOffline: number;
    /** With `rate`: the target, and what the broker acknowledged per real second since start. */
    rate: { target: number; achieved: number } | undefined;
    /** The simulated clock, epoch ms. */
    simulatedNow: number;
  };

export type SimHandle = {
  /** The seed this run used; pass it back as `seed` to replay the same day. */
  seed: number;
  /** How many devices (one MQTT connection each) the sim plays. */
  devices: number;
  stats(): SimStats;
  /** Disconnects every device cleanly, so no last will fires. */
  close(): Promise<void>;
};

const LOAD_TICK_MS = 20;
const RATE_LOG_MS = 10_000;

/**
 * Connects every device of every site, publishes their first status and desk states, then plays the day.
 * @example const sim = await start({ mqttUrl: broker.url, sites: [site], speed: 60 }); await sim.close();
 */
export async function start(options: SimOptions): Promise<SimHandle> {
  const config = parseSimOptions(options);
  const { logger, speed, faults } = config;
  const realStart = config.now();
  // At speed 1 this is exactly the real clock, so timestamps are real; otherwise they are simulated.
  const simulatedNow = () => realStart + (config.now() - realStart) * speed;
  const feeds = config.sites.map((site) => siteFeed(config, site, realStart));
  const devices = feeds.flatMap((feed) => feed.devices.map((device) => ({ device, feed })));
  const feedOf = new Map(devices.map(({ device, feed }) => [device.id, feed]));
  const network = createNetworkFaults(faults, deriveSeed(config.seed, 'network-faults'));
  const outages = planOutages(
    devices.map((d) => d.device.id),
    {
      perHour: faults.offline,
      meanDownMs: faults.offlineMs,
      seed: deriveSeed(config.seed, 'outages'),
      start: realStart,
    },
  );
  const counts = { outages: 0, lostOffline: 0 };
  let fleet: DeviceFleet | undefined;
  const dispatch = (messages: readonly Outbound[], now: number): Array<Promise<void>> =>
    network.pass(messages, now).map((message) => fleet?.send(message) ?? Promise.resolve());
  fleet = await connectFleet({
    devices: devices.map((d) => d.device),
    url: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    logger,
    seed: config.seed,
    backoff: config.backoff,
    connectConcurrency: config.connectConcurrency,
    onReconnect: (id) => {
      const now = simulatedNow();
      dispatch(feedOf.get(id)?.announce(id, now) ?? [], now);
    },
  });
  const live = fleet;
  try {
    await Promise.all(
      dispatch(
        feeds.flatMap((feed) => feed.initial()),
        realStart,
      ),
    );
  } catch (error) {
    await live.close();
    throw error;
  }
  const tick = () => {
    const to = simulatedNow();
    for (const outage of outages.due(to)) {
      if (live.dropFor(outage.device, outage.downMs / speed)) counts.outages++;
    }
    const made = feeds.flatMap((feed) => feed.advance(to));
    const alive = made.filter((m) => !outages.isDown(m.device, m.at));
    counts.lostOffline += made.length - alive.length;
    dispatch(alive, to);
  };
  const timers = [setInterval(guard(tick, logger), config.tickMs)];
  const rate = config.rate;
  if (rate !== undefined) {
    const load = createLoadDriver(rate, devices.length, config.now());
    const sendLoad = () => {
      const now = simulatedNow();
      for (const i of load.take(config.now(), config.maxInFlight - live.inFlight())) {
        const { device, feed } = devices[i] ?? {};
        if (device && feed && !outages.isDown(device.id, now)) dispatch(feed.repeat(device.id, now), now);
      }
    };
    timers.push(setInterval(guard(sendLoad, logger), LOAD_TICK_MS));
    timers.push(setInterval(() => logger.info({ rate: stats().rate }, 'load rate'), RATE_LOG_MS));
  }
  logger.info({ seed: config.seed, devices: live.size, speed, rate }, 'firmware sim started');
  const stats = (): SimStats => {
    const elapsed = (config.now() - realStart) / 1000;
    const fleetCounts = live.counts();
    return {
      ...sumTotals(feeds),
      ...network.counts(),
      ...fleetCounts,
      ...counts,
      rate:
        rate === undefined
          ? undefined
          : { target: rate, achieved: elapsed > 0 ? fleetCounts.published / elapsed : 0 },
      simulatedNow: simulatedNow(),
    };
  };
  let closing: Promise<void> | undefined;
  return {
    seed: config.seed,
    devices: live.size,
    stats,
    close: () => {
      for (const timer of timers) clearInterval(timer);
      closing ??= live.close();
      return closing;
    },
  };
}

function guard(work: () => void, logger: SimConfig['logger']): () => void {
  return () => {
    try {
      work();
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'simulation tick failed');
    }
  };
}

function sumTotals(feeds: readonly SiteFeed[]): FeedTotals {
  const sum: FeedTotals = { deskChanges: 0, doorIn: 0, doorOut: 0, missedCrossings: 0, bounces: 0 };
  for (const feed of feeds) {
    const totals = feed.totals();
    for (const key of Object.keys(sum) as Array<keyof FeedTotals>) sum[key] += totals[key];
  }
  return sum;
}

function siteFeed(config: SimConfig, site: SimConfig['sites'][number], start: number): SiteFeed {
  const shiftMs = profileShiftMs(site, start, config.profileShift);
  if (shiftMs !== 0) {
    config.logger.info(
      { site: site.id, shiftHours: +(shiftMs / 3_600_000).toFixed(2) },
      'day profile shifted',
    );
  }
  const model = createOccupancyModel({
    site,
    seed: deriveSeed(config.seed, `occupancy:${site.id}`),
    start,
    shiftMs,
  });
  const seed = deriveSeed(config.seed, `telemetry:${site.id}`);
  return createSiteFeed({ ...config, site, model, seed, start });
}
