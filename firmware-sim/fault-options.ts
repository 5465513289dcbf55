import { z } from 'zod';

const share = z.number().min(0).max(1);

/**
 * Devices misbehaving as real ones do, each fault a rate (0 = off, the default). Shares are of messages,
 * devices or crossings as each line says; all draws come from the run's seed, so a faulty run replays too.
 */
export const faultOptionsSchema = z.object({
  /** Share of messages lost on the way (the device gave up on them). */
  drop: share.default(0),
  /** Share of messages the broker receives twice, same seq (a PUBACK lost, the device sent it again). */
  duplicate: share.default(0),
  /** Share of messages that arrive after the device's next message. */
  reorder: share.default(0),
  /** Share of messages held back (a congested gateway) and delivered up to `delayMs` late, `ts` unchanged. */
  delay: share.default(0),
  delayMs: z.number().int().positive().default(120_000),
  /** Share of devices whose clock is wrong by `skewMs / 2` to `skewMs`, ahead or behind. */
  skew: share.default(0),
  skewMs: z.number().int().positive().default(90_000),
  /** Share of messages whose payload is broken: cut short, a wrong type, seconds for milliseconds. */
  malformed: share.default(0),
  /** Outages per device per simulated hour: the device drops off (its will fires) and comes back. */
  offline: z.number().min(0).max(60).default(0),
  /** Mean length of an outage, simulated ms (exponential, at least 10 s). */
  offlineMs: z.number().int().positive().default(180_000),
  /** Share of desk sensors that bounce: after each real change they flip back and forth a few times. */
  flap: share.default(0),
  /** Share of door crossings a counter misses, so in − out drifts over a day. */
  missCrossings: share.default(0),
});

export type FaultOptions = z.input<typeof faultOptionsSchema>;
export type Faults = z.output<typeof faultOptionsSchema>;

export const NO_FAULTS: Faults = faultOptionsSchema.parse({});
