import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { type BackoffOptions, backoffDelay } from './backoff.ts';
import type { Random } from './prng.ts';

export type DeviceLinkOptions = {
  url: string;
  /** The device id: real hardware connects with its own id, so the broker sees one client per device. */
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  will: { topic: string; payload: string };
  logger: Logger;
  /** Jitter for the reconnect backoff; seeded, so a run's retries are repeatable too. */
  random: Random;
  backoff: BackoffOptions;
  /**
   * Keep trying the first connection (with backoff, up to FIRST_CONNECT_DEADLINE_MS) when the network
   * fails it; a broker that refuses the device (bad credentials) fails at once either way.
   */
  retryFirst: boolean;
  /** Called on every connection after the first, so the device can announce itself again. */
  onReconnect: () => void;
};

/** One device's own MQTT connection. */
export type DeviceLink = {
  /** Publishes at QoS 1; resolves on the broker's PUBACK (MQTT.js keeps it while reconnecting). */
  publish(topic: string, payload: string, retain: boolean): Promise<void>;
  connected(): boolean;
  reconnects(): number;
  /**
   * Cuts the connection the way a power cut or a dead Wi-Fi does: the socket is destroyed without a
   * DISCONNECT, so the broker publishes the last will; the device stays away `realMs` (at least 0.3 s),
   * then reconnects. False (and nothing happens) when the device is not connected at the time.
   */
  dropFor(realMs: number): boolean;
  /** Disconnects cleanly, so the broker discards the last will [MQTT-3.1.2-10]. */
  close(): Promise<void>;
};

const CONNECT_TIMEOUT_MS = 10_000;
const FIRST_CONNECT_DEADLINE_MS = 60_000;
// A clean DISCONNECT waits for in-flight QoS 1 acks; on a dead link, give up quickly and drop the socket.
const CLOSE_GRACE_MS = 500;
// A device that lost power takes a moment to come back; a faster return could also reach the broker before
// it has noticed the old socket gone, and a takeover does not publish the will.
const MIN_DOWN_MS = 300;

/**
 * Connects one device with its last will. MQTT.js's own fixed-period reconnect is off: after a lost
 * connection the device waits an exponential backoff with jitter (backoff.ts) before each new attempt.
 */
export async function connectDevice(options: DeviceLinkOptions): Promise<DeviceLink> {
  const { url, clientId, logger } = options;
  const client = mqtt.connect(url, {
    clientId,
    username: options.username,
    password: options.password,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    will: { topic: options.will.topic, payload: Buffer.from(options.will.payload), qos: 1, retain: true },
    // Not MQTT.js's debug-module logging: its check on every message adds up over 10,000 devices.
    log: () => {},
  });
  const state = { attempt: 0, reconnects: 0, holdUntil: 0, closing: false, connectedOnce: false };
  let timer: NodeJS.Timeout | undefined;
  const scheduleReconnect = () => {
    if (state.closing || timer) return;
    const delay = Math.max(
      backoffDelay(state.attempt++, options.random, options.backoff),
      state.holdUntil - Date.now(),
    );
    timer = setTimeout(() => {
      timer = undefined;
      // Keeping the stores keeps unacknowledged QoS 1 messages, which MQTT.js sends again on connect.
      if (!state.closing)
        client.reconnect({ incomingStore: client.incomingStore, outgoingStore: client.outgoingStore });
    }, delay);
  };
  client.on('close', scheduleReconnect);
  client.on('connect', () => {
    state.attempt = 0;
    if (!state.connectedOnce) {
      state.connectedOnce = true;
      return;
    }
    state.reconnects++;
    logger.info({ device: clientId }, 'device reconnected');
    options.onReconnect();
  });
  client.on('error', (error) => logger.debug({ device: clientId, err: error.message }, 'device mqtt error'));
  const stop = () => {
    state.closing = true;
    clearTimeout(timer);
    timer = undefined;
  };
  try {
    await firstConnect(client, options);
  } catch (error) {
    stop();
    client.end(true);
    throw error;
  }
  return {
    publish: (topic, payload, retain) =>
      new Promise((resolve, reject) => {
        client.publish(topic, payload, { qos: 1, retain }, (error) => (error ? reject(error) : resolve()));
      }),
    connected: () => client.connected,
    reconnects: () => state.reconnects,
    dropFor(realMs) {
      if (!client.connected) return false;
      state.holdUntil = Date.now() + Math.max(MIN_DOWN_MS, realMs);
      client.stream.destroy();
      return true;
    },
    close: () => {
      stop();
      return closeClient(client);
    },
  };
}

function firstConnect(client: MqttClient, options: DeviceLinkOptions): Promise<void> {
  const { clientId, url } = options;
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      cleanup();
      reject(new Error(`device ${clientId}: cannot connect to ${url} (${reason})`));
    };
    const onConnect = () => {
      cleanup();
      resolve();
    };
    // A CONNACK refusal carries a numeric code; network errors carry a string one (ECONNREFUSED…).
    const onError = (error: Error & { code?: unknown }) => {
      if (!options.retryFirst || typeof error.code === 'number') fail(error.message);
    };
    const deadline = options.retryFirst ? FIRST_CONNECT_DEADLINE_MS : CONNECT_TIMEOUT_MS;
    const timer = setTimeout(() => fail(`no answer within ${deadline / 1000} s`), deadline);
    const cleanup = () => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onError);
    };
    client.on('connect', onConnect);
    client.on('error', onError);
  });
}

function closeClient(client: MqttClient): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => client.end(true, {}, () => resolve()), CLOSE_GRACE_MS);
    client.end(false, {}, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
