import mqtt, { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { IntakeSocket, type PublishTaker } from './intake-socket.ts';

export type EventConnectionConfig = {
  mqttUrl: string;
  clientId: string;
  mqttUsername?: string | undefined;
  mqttPassword?: string | undefined;
};

/**
 * The worker's one connection for events: a fixed client id with a persistent session (clean: false).
 * Over plain TCP (mqtt://, tcp://) its socket is an IntakeSocket: `take` is offered each PUBLISH as
 * it lies in the received bytes, and a group's PUBACKs leave in one buffer. Other transports
 * (mqtts://, ws://) are MQTT.js's own, and every message goes through `handleMessage`.
 */
export function connectEvents(config: EventConnectionConfig, logger: Logger, take: PublishTaker): MqttClient {
  const url = new URL(config.mqttUrl);
  const options = {
    clientId: config.clientId,
    clean: false,
    username: config.mqttUsername ?? (decodeURIComponent(url.username) || undefined),
    password: config.mqttPassword ?? (decodeURIComponent(url.password) || undefined),
    reconnectPeriod: 1000,
    // MQTT.js logs through the debug module, whose enabled-check on every message costs ~2% of
    // ingest's CPU at full rate; its lines go to our logger at trace level instead.
    log: logger.isLevelEnabled('trace') ? (...args: unknown[]) => logger.trace({ mqtt: args }) : () => {},
    // Not `manualConnect`: handleMessage and `take` are set before the event loop can deliver anything.
  };
  const client =
    url.protocol === 'mqtt:' || url.protocol === 'tcp:'
      ? new MqttClient(() => tcpConnection(url, take), { ...options, protocol: 'mqtt' })
      : mqtt.connect(config.mqttUrl, options);
  client.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  return client;
}

function tcpConnection(url: URL, take: PublishTaker): IntakeSocket {
  // WHATWG URLs keep an IPv6 host in brackets; net wants it bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  return new IntakeSocket(take).open({ host, port: Number(url.port || 1883) });
}
