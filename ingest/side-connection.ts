import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';

export type SideConnectionOptions = {
  mqttUrl: string;
  username?: string | undefined;
  password?: string | undefined;
  /** The worker's client id; the side connection is `{clientId}-{purpose}`. */
  clientId: string;
  purpose: string;
  logger: Logger;
};

/**
 * A clean-session connection beside ingest's data connection, for its housekeeping (stats, site
 * models): the persistent data session never waits behind it, and a broker refusing it (an ACL)
 * costs the housekeeping, never the data.
 */
export function sideConnection(options: SideConnectionOptions): MqttClient {
  const client = mqtt.connect(options.mqttUrl, {
    clientId: `${options.clientId}-${options.purpose}`,
    clean: true,
    username: options.username,
    password: options.password,
    reconnectPeriod: 5000,
  });
  client.on('error', (error) =>
    options.logger.debug({ err: error.message }, `${options.purpose} connection error`),
  );
  return client;
}
