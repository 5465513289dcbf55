import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { installOutgoingQueues, type OutgoingMethods } from './outgoing-queues.ts';

// Where aedes keeps sessions, retained messages and queued messages, and how brokers share them:
// in memory by default, or Redis (aedes-persistence-redis + mqemitter-redis) so several broker
// processes behind a TCP load balancer share sessions, retained messages and message fan-out.

const require = createRequire(import.meta.url);

/** The part of aedes' persistence contract this module touches. */
export type Persistence = OutgoingMethods & {
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<unknown>;
  destroy?(callback?: () => void): unknown;
};

export type Storage = {
  /** What to hand aedes: Redis' persistence and emitter, or nothing for aedes' in-memory defaults. */
  aedesOptions: { persistence?: Persistence; mq?: unknown };
  /** Starts counting; call with aedes' persistence once the broker is created. */
  attach(persistence: Persistence): void;
  /** Messages this broker has queued for clients that are not connected now. */
  queued(connected: (clientId: string) => boolean): number;
  retained(): Promise<number>;
  close(): Promise<void>;
};

export type StorageOptions = {
  redisUrl?: string | undefined;
  /**
   * aedes-persistence-redis delivers at most this many queued messages when a persistent session
   * reconnects (its own default is 1000, the rest waiting for the next reconnect): ingest away for an
   * afternoon would otherwise come back to a truncated queue.
   */
  redisMaxSessionDelivery: number;
  concurrency: number;
  /** Redis trouble (it reconnects by itself): logged, never thrown. */
  onRedisError: (error: Error) => void;
};

/** Opens the storage: Redis when `redisUrl` is set, memory otherwise. */
export function openStorage(options: StorageOptions): Storage {
  const aedesOptions = options.redisUrl ? redisStorage(options, options.redisUrl) : {};
  let persistence: Persistence | undefined;
  let queued: Storage['queued'] = () => 0;
  return {
    aedesOptions,
    attach: (p) => {
      persistence = p;
      // In memory, the indexed queues count themselves; with Redis, the calls aedes makes are counted.
      queued = options.redisUrl ? countQueued(p) : installOutgoingQueues(p);
    },
    queued: (connected) => queued(connected),
    retained: async () => {
      let count = 0;
      if (persistence) for await (const _ of persistence.createRetainedStreamCombi(['#'])) count++;
      return count;
    },
    close: async () => {
      // aedes closes the message emitter itself; the persistence (and its Redis connections) is ours.
      await persistence?.destroy?.();
    },
  };
}

function redisStorage(options: StorageOptions, url: string): Storage['aedesOptions'] {
  const AsyncRedisPersistence = require('aedes-persistence-redis/asyncPersistence.js') as new (
    opts: object,
  ) => Persistence;
  const redis = redisOptions(url);
  // aedes 1.x wants the promise-based persistence; the package's main export is the callback one.
  const persistence = new AsyncRedisPersistence({
    ...redis,
    maxSessionDelivery: options.redisMaxSessionDelivery,
  });
  // aedes 1.2 pipes the retained stream (`stream.pipe`), but aedes-persistence-redis 11.2 returns an
  // async generator: without this, the first SUBSCRIBE crashes the broker process.
  const combi = persistence.createRetainedStreamCombi.bind(persistence);
  persistence.createRetainedStreamCombi = (patterns) => Readable.from(combi(patterns));
  const mqemitterRedis = require('mqemitter-redis') as (opts: object) => { state: EventEmitter };
  // [MQTT-4.7.1-3] `+` matches an empty level: aedes sets this on the emitter it builds itself.
  const mq = mqemitterRedis({ ...redis, concurrency: options.concurrency, matchEmptyLevels: true });
  // mqemitter-redis re-emits Redis errors on `state`; unheard, one would crash the broker process.
  mq.state.on('error', options.onRedisError);
  return { persistence, mq };
}

/** ioredis options from a redis:// URL (user, password, database number as the path). */
export function redisOptions(url: string): Record<string, unknown> {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`not a redis:// URL: ${url}`);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db: Number(u.pathname.slice(1) || 0),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Counts, per client, the QoS 1 and 2 messages queued for it and not yet acknowledged, by watching
 * the persistence calls aedes makes. With Redis each broker process counts what it queued itself.
 */
function countQueued(persistence: Persistence): Storage['queued'] {
  const pending = new Map<string, number>();
  const add = (clientId: string, n: number) => {
    const next = Math.max(0, (pending.get(clientId) ?? 0) + n);
    if (next === 0) pending.delete(clientId);
    else pending.set(clientId, next);
  };
  const enqueue = persistence.outgoingEnqueue.bind(persistence);
  const enqueueCombi = persistence.outgoingEnqueueCombi.bind(persistence);
  const clear = persistence.outgoingClearMessageId.bind(persistence);
  persistence.outgoingEnqueue = async (sub, packet) => {
    await enqueue(sub, packet);
    add(sub.clientId, 1);
  };
  persistence.outgoingEnqueueCombi = async (subs, packet) => {
    await enqueueCombi(subs, packet);
    for (const sub of subs) add(sub.clientId, 1);
  };
  persistence.outgoingClearMessageId = async (client, packet) => {
    const cleared = await clear(client, packet);
    if (cleared) add(client.id, -1);
    return cleared;
  };
  return (connected) => {
    let total = 0;
    for (const [clientId, n] of pending) if (!connected(clientId)) total += n;
    return total;
  };
}
