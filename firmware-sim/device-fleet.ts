import type { Logger } from 'pino';
import { connectDevice, type DeviceLink } from './device-link.ts';
import { willOf } from './sim-devices.ts';
import type { Outbound, SiteFeed } from './site-feed.ts';

/** Every device's connection, with what went through them. */
export type DeviceFleet = {
  size: number;
  /** Publishes on the message's own device connection; never rejects (a failure is counted). */
  send(message: Outbound): Promise<void>;
  counts(): { published: number; failed: number; connected: number; reconnects: number };
  close(): Promise<void>;
};

export type FleetOptions = {
  feeds: SiteFeed[];
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  logger: Logger;
  /** The simulated clock, for what a device says when it comes back. */
  now: () => number;
};

/**
 * Connects one MQTT client per device, all at once; if any cannot connect, closes the others and rejects.
 */
export async function connectFleet(options: FleetOptions): Promise<DeviceFleet> {
  const { feeds, logger } = options;
  const devices = feeds.flatMap((feed) => feed.devices.map((device) => ({ feed, device })));
  if (new Set(devices.map((d) => d.device.id)).size !== devices.length) {
    throw new Error('firmware-sim options: sites: a device id appears twice across the sites');
  }
  const links = new Map<string, DeviceLink>();
  const counts = { published: 0, failed: 0 };
  const send = (message: Outbound): Promise<void> => {
    const link = links.get(message.device);
    if (!link) return Promise.resolve();
    return link.publish(message.topic, message.payload, message.retain).then(
      () => {
        counts.published++;
      },
      (error: Error) => {
        counts.failed++;
        logger.debug({ device: message.device, err: error.message }, 'publish failed');
      },
    );
  };
  const close = async () => {
    await Promise.all([...links.values()].map((link) => link.close()));
  };
  const connecting = devices.map(async ({ feed, device }) => {
    const link = await connectDevice({
      url: options.url,
      clientId: device.id,
      username: options.username,
      password: options.password,
      will: willOf(device),
      logger,
      onReconnect: () => {
        for (const message of feed.announce(device.id, options.now())) void send(message);
      },
    });
    links.set(device.id, link);
  });
  const results = await Promise.allSettled(connecting);
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) {
    await close();
    throw failure.reason;
  }
  return {
    size: links.size,
    send,
    counts: () => ({
      ...counts,
      connected: [...links.values()].filter((l) => l.connected()).length,
      reconnects: [...links.values()].reduce((n, l) => n + l.reconnects(), 0),
    }),
    close,
  };
}
