// The firmware simulator: plays a site's desk sensors and door counters over MQTT exactly as real devices
// would, each with its own connection, so Prossima can be demonstrated and tested without hardware.
import { connectFleet } from './device-fleet.ts';
import { createOccupancyModel } from './occupancy-model.ts';
import { deriveSeed } from './prng.ts';
import { profileShiftMs } from './profile-shift.ts';
import { parseSimOptions, type SimConfig, type SimOptions } from './sim-options.ts';
import { createSiteFeed, type SiteFeed } from './site-feed.ts';

export { createOccupancyModel, type OccupancyEvent, type OccupancyModel } from './occupancy-model.ts';
export { type SimOptions, simOptionsSchema } from './sim-options.ts';

export type SimStats = {
  /** Messages the broker acknowledged (QoS 1 PUBACK). */
  published: number;
  /** Publishes that failed: the connection closed before the broker acknowledged. */
  failed: number;
  /** Devices connected right now. */
  connected: number;
  reconnects: number;
  deskChanges: number;
  doorIn: number;
  doorOut: number;
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

/**
 * Connects every device of every site, publishes their first status and desk states, then plays the day.
 * @example const sim = await start({ mqttUrl: broker.url, sites: [site], speed: 60 }); await sim.close();
 */
export async function start(options: SimOptions): Promise<SimHandle> {
  const config = parseSimOptions(options);
  const { logger, speed } = config;
  const realStart = config.now();
  // At speed 1 this is exactly the real clock, so timestamps are real; otherwise they are simulated.
  const simulatedNow = () => realStart + (config.now() - realStart) * speed;
  const feeds = config.sites.map((site) => siteFeed(config, site, realStart));
  const fleet = await connectFleet({
    feeds,
    url: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    logger,
    now: simulatedNow,
  });
  try {
    await Promise.all(feeds.flatMap((feed) => feed.initial().map(fleet.send)));
  } catch (error) {
    await fleet.close();
    throw error;
  }
  const timer = setInterval(() => {
    try {
      const to = simulatedNow();
      for (const feed of feeds) for (const message of feed.advance(to)) void fleet.send(message);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'simulation tick failed');
    }
  }, config.tickMs);
  logger.info({ seed: config.seed, devices: fleet.size, speed }, 'firmware sim started');
  let closing: Promise<void> | undefined;
  return {
    seed: config.seed,
    devices: fleet.size,
    stats: () => {
      const totals = feeds.map((f) => f.totals());
      const sum = (key: 'deskChanges' | 'doorIn' | 'doorOut') => totals.reduce((n, t) => n + t[key], 0);
      const { published, failed, connected, reconnects } = fleet.counts();
      const [deskChanges, doorIn, doorOut] = [sum('deskChanges'), sum('doorIn'), sum('doorOut')];
      return {
        published,
        failed,
        connected,
        reconnects,
        deskChanges,
        doorIn,
        doorOut,
        simulatedNow: simulatedNow(),
      };
    },
    close: () => {
      clearInterval(timer);
      closing ??= fleet.close();
      return closing;
    },
  };
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
