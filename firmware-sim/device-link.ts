import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';

export type DeviceLinkOptions = {
  url: string;
  /** The device id: real hardware connects with its own id, so the broker sees one client per device. */
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  will: { topic: string; payload: string };
  logger: Logger;
  /** Called on every connection after the first, so the device can announce itself again. */
  onReconnect: () => void;
};

/** One device's own MQTT connection. */
export type DeviceLink = {
  /** Publishes at QoS 1; resolves on the broker's PUBACK (MQTT.js queues it while reconnecting). */
  publish(topic: string, payload: string, retain: boolean): Promise<void>;
  connected(): boolean;
  reconnects(): number;
  /** Disconnects cleanly, so the broker discards the last will [MQTT-3.1.2-10]. */
  close(): Promise<void>;
};

const CONNECT_TIMEOUT_MS = 10_000;
const RECONNECT_PERIOD_MS = 1_000;
// A clean DISCONNECT waits for in-flight QoS 1 acks; on a dead link, give up quickly and drop the socket.
const CLOSE_GRACE_MS = 500;

/**
 * Connects one device with its last will; rejects with a message naming the device and URL if the broker
 * cannot be reached or refuses it.
 */
export async function connectDevice(options: DeviceLinkOptions): Promise<DeviceLink> {
  const { url, clientId, logger } = options;
  const client = mqtt.connect(url, {
    clientId,
    username: options.username,
    password: options.password,
    clean: true,
    reconnectPeriod: RECONNECT_PERIOD_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    will: { topic: options.will.topic, payload: Buffer.from(options.will.payload), qos: 1, retain: true },
  });
  await firstConnect(client, clientId, url);
  let reconnects = 0;
  client.on('connect', () => {
    reconnects++;
    logger.info({ device: clientId }, 'device reconnected');
    options.onReconnect();
  });
  client.on('offline', () => logger.warn({ device: clientId }, 'device lost its broker connection'));
  client.on('error', (error) => logger.warn({ device: clientId, err: error.message }, 'device mqtt error'));
  return {
    publish: (topic, payload, retain) =>
      new Promise((resolve, reject) => {
        client.publish(topic, payload, { qos: 1, retain }, (error) => (error ? reject(error) : resolve()));
      }),
    connected: () => client.connected,
    reconnects: () => reconnects,
    close: () => closeClient(client),
  };
}

function firstConnect(client: MqttClient, clientId: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      cleanup();
      client.end(true);
      reject(new Error(`device ${clientId}: cannot connect to ${url} (${reason})`));
    };
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => fail(error.message);
    const timer = setTimeout(
      () => fail(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`),
      CONNECT_TIMEOUT_MS,
    );
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
