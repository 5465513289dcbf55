import type { Logger } from 'pino';
import type { BackoffOptions } from './backoff.ts';
import { connectDevice, type DeviceLink } from './device-link.ts';
import type { Outbound } from './device-state.ts';
import { deriveSeed, mulberry32 } from './prng.ts';
import { type SimDevice, willOf } from './sim-devices.ts';

/** Every device's connection, with what went through them. */
export type DeviceFleet = {
  size: number;
  /** Publishes on the message's own device connection; never rejects (a failure is counted). */
  send(message: Outbound): Promise<void>;
  /**
   * Cuts a device off abruptly (its will fires) for `realMs`, after which it reconnects by itself; false
   * when the device was not connected anyway.
   */
  dropFor(device: string, realMs: number): boolean;
  counts(): FleetCounts;
  /** Sent and not yet acknowledged (cheap, unlike counts()). */
  inFlight(): number;
  close(): Promise<void>;
};

export type FleetCounts = {
  /** Messages the broker acknowledged (QoS 1 PUBACK). */
  published: number;
  /** Publishes that failed: the connection closed before the broker acknowledged. */
  failed: number;
  /** Sent and not yet acknowledged. */
  inFlight: number;
  connected: number;
  reconnects: number;
};

export type FleetOptions = {
  devices: readonly SimDevice[];
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  logger: Logger;
  seed: number;
  backoff: BackoffOptions;
  /** Connections opening at once: a broker accepts a few hundred a second, not ten thousand at once. */
  connectConcurrency: number;
  /** A device is back after a lost connection, and should say so. */
  onReconnect: (device: string) => void;
};

/**
 * Connects one MQTT client per device. The first connects alone, so an unreachable broker or refused
 * credentials fail at once with one clear message (and the broker's login cache is warm for the rest);
 * the others then connect a bounded number at a time, each retrying with backoff. If any cannot connect,
 * closes the others and rejects.
 */
export async function connectFleet(options: FleetOptions): Promise<DeviceFleet> {
  const { devices, logger } = options;
  if (new Set(devices.map((d) => d.id)).size !== devices.length) {
    throw new Error('firmware-sim options: sites: a device id appears twice across the sites');
  }
  const links = new Map<string, DeviceLink>();
  const counts = { published: 0, failed: 0, inFlight: 0 };
  const send = (message: Outbound): Promise<void> => {
    const link = links.get(message.device);
    if (!link) return Promise.resolve();
    counts.inFlight++;
    return link.publish(message.topic, message.payload, message.retain).then(
      () => {
        counts.inFlight--;
        counts.published++;
      },
      (error: Error) => {
        counts.inFlight--;
        counts.failed++;
        logger.debug({ device: message.device, err: error.message }, 'publish failed');
      },
    );
  };
  const close = async () => {
    await Promise.all([...links.values()].map((link) => link.close()));
  };
  const connectOne = async (device: SimDevice, retryFirst: boolean) => {
    const link = await connectDevice({
      url: options.url,
      clientId: device.id,
      username: options.username,
      password: options.password,
      will: willOf(device),
      logger,
      random: mulberry32(deriveSeed(options.seed, `link:${device.id}`)),
      backoff: options.backoff,
      retryFirst,
      onReconnect: () => options.onReconnect(device.id),
    });
    links.set(device.id, link);
  };
  try {
    const [first, ...rest] = devices;
    if (first) await connectOne(first, false);
    await inPool(rest, options.connectConcurrency, (device) => connectOne(device, true));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    size: links.size,
    send,
    dropFor: (device, realMs) => links.get(device)?.dropFor(realMs) ?? false,
    inFlight: () => counts.inFlight,
    counts: () => {
      let connected = 0;
      let reconnects = 0;
      for (const link of links.values()) {
        if (link.connected()) connected++;
        reconnects += link.reconnects();
      }
      return { ...counts, connected, reconnects };
    },
    close,
  };
}

/** Runs `work` over `items`, at most `size` at a time; rejects with the first failure. */
async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++] as T;
      await work(item).catch((error: unknown) => {
        failure ??= error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
