import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { cachedTopicParser, decodeMessage, type Message, siteFilter } from '../protocol/index.ts';
import type { EventLog } from './event-log.ts';
import type { LiveState } from './live-state.ts';

export type LiveSubscriberOptions = {
  mqttUrl: string;
  username?: string | undefined;
  password?: string | undefined;
  state: LiveState;
  log: EventLog;
  logger: Logger;
  now: () => number;
  /** Sees every valid message after the live state has (alerts read batteries from it). */
  onMessage?: (message: Message, heardAt: number) => void;
};

/**
 * Feeds live state from the broker. A clean session is right here: retained desk states and
 * statuses rebuild the picture on every (re)connect, and history is ingest's job, not ours.
 */
export async function subscribeLive(options: LiveSubscriberOptions): Promise<MqttClient> {
  const client = await mqtt.connectAsync(options.mqttUrl, {
    clientId: `prossima-api-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    clean: true,
    username: options.username,
    password: options.password,
    reconnectPeriod: 1000,
  });
  client.on('error', (error) => options.logger.warn({ err: error.message }, 'live mqtt error'));
  const parseTopic = cachedTopicParser();
  client.on('message', (topic, payload) => {
    const decoded = decodeMessage(topic, payload, parseTopic);
    // Ingest counts and keeps bad messages; the live view only skips them.
    if (!decoded.ok) return;
    const heardAt = options.now();
    for (const event of options.state.apply(decoded.message, heardAt)) options.log.append(event);
    options.onMessage?.(decoded.message, heardAt);
  });
  await client.subscribeAsync(
    options.state.siteIds().map((site) => siteFilter(site)),
    { qos: 1 },
  );
  return client;
}
