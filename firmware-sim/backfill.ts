import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { describeIssues, lastLocalTime, type Site } from '../protocol/index.ts';
import { openBulkPublisher } from './bulk-publisher.ts';
import { faultOptionsSchema } from './fault-options.ts';
import { createNetworkFaults, type NetworkFaultCounts } from './network-faults.ts';
import { createOccupancyModel } from './occupancy-model.ts';
import { deriveSeed, randomSeed } from './prng.ts';
import { createProgressBar, type ProgressStream } from './progress-bar.ts';
import { createSiteFeed, type Outbound } from './site-feed.ts';

const DAY_MS = 86_400_000;
const CHUNK_MS = 3_600_000;

export const backfillOptionsSchema = z.object({
  mqttUrl: z.string().min(1),
  mqttUsername: z.string().optional(),
  mqttPassword: z.string().optional(),
  /** Days of history before now. */
  days: z.number().positive().max(3650).default(28),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(randomSeed),
  /**
   * Door reports in history come every 15 minutes, not every minute: the same people, counted in
   * coarser steps, for a fifteenth of the messages. Reports sum the same either way.
   */
  doorReportMs: z
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  maxInFlight: z.number().int().positive().default(500),
  clientId: z.string().min(1).default('prossima-backfill'),
  /**
   * 'now' ends history at the clock; 'daily-reset' ends each site's at its last daily reset (04:00), for
   * when live devices play today: their door counts then start today's headcount alone, not on top of
   * a simulated morning.
   */
  until: z.enum(['now', 'daily-reset']).default('now'),
  /**
   * Sensor faults (missCrossings, flap, skew) shape history, and the message-level network faults (drop,
   * duplicate, reorder, delay, malformed) act on it at their rates; outages do not (one connection).
   */
  faults: faultOptionsSchema.prefault({}),
});

export type BackfillOptions = z.input<typeof backfillOptionsSchema> & {
  sites: readonly Site[];
  logger?: Logger;
  /** The real clock: history ends here. */
  now?: () => number;
  /** Draws a progress bar here when it is a terminal, and the final count in any case. */
  progress?: ProgressStream;
  /** Stops the backfill early (on shutdown); what was sent stays sent. */
  signal?: AbortSignal;
};

export type BackfillResult = {
  /** Messages the broker acknowledged. */
  messages: number;
  deskStates: number;
  doorCounts: number;
  from: number;
  to: number;
  ms: number;
  aborted: boolean;
  /** What the network faults did to the history (all zero without faults). */
  faults: NetworkFaultCounts;
};

/**
 * Publishes `days` of history with explicit timestamps through MQTT (QoS 1, not retained, one connection,
 * a bounded number in flight so the broker's acknowledgements pace it): desk changes and door counts of
 * every site, as the live simulator would have sent them. Ingest stores them like any other message.
 * @example const r = await backfill({ mqttUrl, sites, days: 28, progress: process.stderr }); r.messages
 */
export async function backfill(options: BackfillOptions): Promise<BackfillResult> {
  const parsed = backfillOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`backfill options: ${describeIssues(parsed.error)}`);
  const config = parsed.data;
  const logger = options.logger ?? pino({ level: 'silent' });
  const began = performance.now();
  const now = (options.now ?? Date.now)();
  const from = Math.round(now - config.days * DAY_MS);
  const endOf = (site: Site) =>
    config.until === 'now' ? now : Math.max(from, lastLocalTime(now, site.dailyReset, site.timezone));
  const ends = options.sites.map(endOf);
  const to = Math.max(from, ...ends);
  const feeds = options.sites.map((site) =>
    createSiteFeed({
      site,
      model: createOccupancyModel({
        site,
        seed: deriveSeed(config.seed, `backfill:${site.id}`),
        start: from,
      }),
      seed: deriveSeed(config.seed, `backfill-telemetry:${site.id}`),
      start: from,
      heartbeatMs: Number.POSITIVE_INFINITY,
      doorReportMs: config.doorReportMs,
      faults: config.faults,
    }),
  );
  const publisher = await openBulkPublisher({
    url: config.mqttUrl,
    username: config.mqttUsername,
    password: config.mqttPassword,
    clientId: config.clientId,
    maxInFlight: config.maxInFlight,
  });
  const bar = createProgressBar(options.progress, 'Backfill');
  const sent = { deskStates: 0, doorCounts: 0 };
  const network = createNetworkFaults(config.faults, deriveSeed(config.seed, 'backfill-network-faults'));
  const publish = async (messages: readonly Outbound[]) => {
    for (const message of messages) {
      if (options.signal?.aborted) return;
      await publisher.send(message.topic, message.payload);
      if (message.topic.endsWith('/count')) sent.doorCounts++;
      else sent.deskStates++;
    }
  };
  try {
    for (let t = from; t < to && !options.signal?.aborted; t += CHUNK_MS) {
      const chunkEnd = Math.min(t + CHUNK_MS, to);
      const chunk = feeds.flatMap((feed, i) => feed.advance(Math.min(chunkEnd, ends[i] ?? to)));
      chunk.sort((a, b) => a.at - b.at);
      await publish(
        network.pass(
          chunk.filter((m) => !m.topic.endsWith('/status')),
          chunkEnd,
        ),
      );
      const total = sent.deskStates + sent.doorCounts;
      bar.update((chunkEnd - from) / (to - from), `${total.toLocaleString('en')} messages`);
    }
    // Messages still held back by the reorder and delay faults go out at the end.
    await publish(network.pass([], Number.POSITIVE_INFINITY));
    await publisher.drain();
  } finally {
    await publisher.close();
  }
  const result: BackfillResult = {
    messages: publisher.acked(),
    ...sent,
    from,
    to,
    ms: Math.round(performance.now() - began),
    aborted: options.signal?.aborted === true,
    faults: network.counts(),
  };
  bar.done(
    `${result.aborted ? 'stopped after' : 'sent'} ${result.messages.toLocaleString('en')} messages ` +
      `(${sent.deskStates.toLocaleString('en')} desk changes, ${sent.doorCounts.toLocaleString('en')} door reports) ` +
      `for ${config.days} days of ${options.sites.length} site(s) in ${(result.ms / 1000).toFixed(1)} s`,
  );
  logger.info(result, 'backfill done');
  return result;
}
