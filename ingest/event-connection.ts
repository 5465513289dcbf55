import mqtt, { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { CoalescingSocket } from './coalescing-socket.ts';

export type EventConnectionConfig = {
  mqttUrl: string;
  clientId: string;
  mqttUsername?: string | undefined;
  mqttPassword?: string | undefined;
};

/**
 * The worker's one connection for events: a fixed client id with a persistent session (clean: false).
 * Over plain TCP (mqtt://, tcp://) its socket is a CoalescingSocket, so a group's PUBACKs leave in
 * one buffer; other transports (mqtts://, ws://) are MQTT.js's own.
 */
export function connectEvents(config: EventConnectionConfig, logger: Logger): MqttClient {
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
    // Not `manualConnect`: handleMessage is set before the event loop can deliver anything.
  };
  const client =
    url.protocol === 'mqtt:' || url.protocol === 'tcp:'
      ? new MqttClient(() => tcpConnection(url), { ...options, protocol: 'mqtt' })
      : mqtt.connect(config.mqttUrl, options);
  client.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  return client;
}

function tcpConnection(url: URL): CoalescingSocket {
  // WHATWG URLs keep an IPv6 host in brackets; net wants it bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  return new CoalescingSocket().open({ host, port: Number(url.port || 1883) });
}
