import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { describeIssues, type Site } from '../protocol/index.ts';
import { DEFAULT_BACKOFF } from './backoff.ts';
import { faultOptionsSchema } from './fault-options.ts';
import { randomSeed } from './prng.ts';
import { MAX_CATCH_UP_PERIODS } from './site-feed.ts';

/** A tick may cover this many device intervals; more would be a stall, which devices do not replay in full. */
const MAX_PERIODS_PER_TICK = MAX_CATCH_UP_PERIODS / 2;
const MQTT_URL = /^(mqtts?|tcp|tls|wss?):\/\/[^/\s]+/;

export const simOptionsSchema = z
  .object({
    mqttUrl: z.string().regex(MQTT_URL, 'must be a broker URL such as mqtt://127.0.0.1:1883'),
    mqttUsername: z.string().optional(),
    mqttPassword: z.string().optional(),
    /** Replays a run exactly; random when left out, and reported on the handle either way. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(randomSeed),
    /** Simulated time per real time: 60 plays an hour a minute. At 1, timestamps are the real clock. */
    speed: z.number().positive().max(100_000).default(1),
    /** Real ms between simulation ticks. */
    tickMs: z.number().int().min(10).max(60_000).default(1000),
    /** Simulated ms between a device's status heartbeats (desk sensors repeat their state with it). */
    heartbeatMs: z.number().int().min(1000).default(300_000),
    /** Simulated ms between a door counter's reports. */
    doorReportMs: z.number().int().min(1000).default(60_000),
    /** 'auto' plays a working day when the site is closed at start (see profile-shift.ts). */
    profileShift: z.enum(['none', 'auto']).default('none'),
    /** Faults, each a rate; all off by default (see fault-options.ts). */
    faults: faultOptionsSchema.prefault({}),
    /** Reconnect backoff, real ms: exponential from `baseMs` up to `maxMs`, with jitter. */
    backoff: z
      .object({ baseMs: z.number().int().positive(), maxMs: z.number().int().positive() })
      .default(DEFAULT_BACKOFF),
    /** Extra messages per real second across all devices, for load tests; off when unset. */
    rate: z.number().positive().max(10_000_000).optional(),
    /** Messages sent and not yet acknowledged, at most, while holding `rate`. */
    maxInFlight: z.number().int().positive().default(2000),
    /** Device connections opening at once at start. */
    connectConcurrency: z.number().int().positive().default(100),
  })
  .superRefine((options, ctx) => {
    const perTick = (options.speed * options.tickMs) / Math.min(options.heartbeatMs, options.doorReportMs);
    if (perTick > MAX_PERIODS_PER_TICK) {
      ctx.addIssue({
        code: 'custom',
        path: ['speed'],
        message: `speed × tickMs may cover at most ${MAX_PERIODS_PER_TICK} heartbeat or door-report intervals per tick (got ${Math.round(perTick)}); lower speed or tickMs`,
      });
    }
  });

export type SimOptions = z.input<typeof simOptionsSchema> & {
  sites: Site[];
  logger?: Logger;
  /** The real clock, epoch ms; tests inject their own. */
  now?: () => number;
};

export type SimConfig = z.output<typeof simOptionsSchema> & {
  sites: Site[];
  logger: Logger;
  now: () => number;
};

/** Fills the defaults, or throws one readable message naming each bad setting. */
export function parseSimOptions(options: SimOptions): SimConfig {
  const parsed = simOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`firmware-sim options: ${describeIssues(parsed.error)}`);
  const { sites } = options;
  if (!Array.isArray(sites) || sites.length === 0)
    throw new Error('firmware-sim options: sites: needs a site');
  return {
    ...parsed.data,
    sites,
    logger: options.logger ?? pino({ level: 'silent' }),
    now: options.now ?? Date.now,
  };
}
