import mqtt, { type MqttClient } from 'mqtt';

export type BulkPublisherOptions = {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  clientId: string;
  /** Messages sent and not yet acknowledged, at most: the broker's PUBACKs pace the sender. */
  maxInFlight: number;
};

export type BulkPublisher = {
  /** Sends one message at QoS 1, not retained; resolves once there is room for the next. */
  send(topic: string, payload: string): Promise<void>;
  /** Resolves when every message sent so far is acknowledged; rejects if one failed. */
  drain(): Promise<void>;
  acked(): number;
  close(): Promise<void>;
};

/**
 * One connection for history (backfill, replay): a gateway uploading what it recorded, as fast as the
 * broker acknowledges. Never retained, so old states cannot overwrite the live ones the broker keeps.
 * @example const pub = await openBulkPublisher({ url, clientId: 'prossima-backfill', maxInFlight: 500 });
 */
export async function openBulkPublisher(options: BulkPublisherOptions): Promise<BulkPublisher> {
  const client: MqttClient = await mqtt.connectAsync(options.url, {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
  });
  let inFlight = 0;
  let acked = 0;
  let failure: Error | undefined;
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const resolve of waiters.splice(0)) resolve();
  };
  const wait = () => new Promise<void>((resolve) => waiters.push(resolve));
  return {
    async send(topic, payload) {
      if (failure) throw failure;
      inFlight++;
      client.publish(topic, payload, { qos: 1, retain: false }, (error) => {
        inFlight--;
        if (error) failure ??= error;
        else acked++;
        wake();
      });
      while (inFlight >= options.maxInFlight && !failure) await wait();
    },
    async drain() {
      while (inFlight > 0 && !failure) await wait();
      if (failure) throw failure;
    },
    acked: () => acked,
    close: () => client.endAsync(),
  };
}
