import { z } from 'zod';

// What one client may do before the broker disconnects it. Every limit is per client, so a client
// that breaks one is disconnected and nobody else notices.

export const limitsSchema = z.object({
  /** Largest PUBLISH payload (and will payload). The contract's own limit is 4,096 (ingest dead-letters above it). */
  maxPayloadBytes: z.number().int().positive().default(16_384),
  /** Longest topic or filter, in UTF-8 bytes; Prossima's own topics are under 160. */
  maxTopicBytes: z.number().int().positive().max(65_535).default(256),
  /** Most `/`-separated levels in a topic or filter; Prossima's topics have 6. aedes caps this at 100. */
  maxTopicLevels: z.number().int().min(1).max(100).default(16),
  /** QoS 2 messages a client may have awaiting PUBREL. */
  maxInflight: z.number().int().positive().default(100),
  /** Sustained publishes per second per device (a token bucket); services run by Prossima are exempt. */
  publishRate: z.number().positive().default(10),
  /** Publishes a device may send at once above the rate, e.g. after a reconnect. */
  publishBurst: z.number().int().positive().default(60),
  /** Open connections, TCP and WebSocket together. */
  maxConnections: z.number().int().positive().default(1000),
  /** A subscriber whose socket does not drain in this time is disconnected, not waited for. */
  drainTimeoutMs: z.number().int().positive().default(30_000),
  /** A socket that has not sent CONNECT in this time is closed. */
  connectTimeoutMs: z.number().int().positive().default(10_000),
});

export type Limits = z.output<typeof limitsSchema>;

/** The largest MQTT packet a client may send, from the payload and topic limits (headers, ids, will). */
export function maxPacketBytes(limits: Limits): number {
  // A CONNECT carries client id, will topic, will payload, user name and password: all bounded here.
  return limits.maxPayloadBytes + 2 * limits.maxTopicBytes + 2048;
}

export type RateLimiter = { take(now: number): boolean };

/**
 * A token bucket: `burst` publishes at once, refilled at `rate` per second.
 * @example const bucket = rateLimiter(10, 60); if (!bucket.take(Date.now())) disconnect();
 */
export function rateLimiter(rate: number, burst: number): RateLimiter {
  let tokens = burst;
  let last: number | undefined;
  return {
    take: (now) => {
      if (last !== undefined) tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/** Why a topic or filter breaks the size limits, or undefined. */
export function topicTooBig(topic: string, limits: Limits): string | undefined {
  // A UTF-16 unit is at most 3 bytes of UTF-8: most topics are short enough not to be measured.
  if (topic.length * 3 > limits.maxTopicBytes && Buffer.byteLength(topic) > limits.maxTopicBytes)
    return `topic longer than ${limits.maxTopicBytes} bytes`;
  let levels = 1;
  for (let i = 0; i < topic.length; i++) if (topic.charCodeAt(i) === 47) levels++;
  if (levels > limits.maxTopicLevels) return `topic deeper than ${limits.maxTopicLevels} levels`;
  return undefined;
}
