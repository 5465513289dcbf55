import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { type BrokerOptions, registryFile, type ServiceAccount } from '../broker/index.ts';
import { type Config, ConfigError } from './config.ts';

/** The embedded broker's options from the settings: TLS files read, limits gathered, registry in the data folder. */
export function brokerOptionsOf(
  config: Config,
  logger: Logger,
  services: ServiceAccount[] = [],
): BrokerOptions {
  return {
    host: config.host,
    port: config.mqttPort,
    allowAnonymous: config.allowAnonymous,
    registryFile: registryFile(config.dataDir),
    services,
    tls: tlsOf(config),
    tlsPort: config.mqttsPort,
    wsPort: config.wsPort,
    wsPath: config.wsPath,
    metricsPort: config.metricsPort,
    redisUrl: config.redisUrl,
    limits: {
      maxPayloadBytes: config.maxPayload,
      maxTopicBytes: config.maxTopicBytes,
      maxTopicLevels: config.maxTopicLevels,
      maxInflight: config.maxInflight,
      publishRate: config.publishRate,
      publishBurst: config.publishBurst,
      maxConnections: config.maxConnections,
    },
    logger,
  };
}

function tlsOf(config: Config): BrokerOptions['tls'] {
  if (!config.tlsCert && !config.tlsKey) return undefined;
  if (!config.tlsCert || !config.tlsKey) {
    throw new ConfigError(
      'Invalid configuration:\n  --tls-cert / PROSSIMA_TLS_CERT and --tls-key / PROSSIMA_TLS_KEY: set both or neither',
    );
  }
  const read = (file: string, setting: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ConfigError(
        `Invalid configuration:\n  ${setting}: cannot read ${file} (${(error as Error).message})`,
      );
    }
  };
  return {
    cert: read(config.tlsCert, '--tls-cert / PROSSIMA_TLS_CERT'),
    key: read(config.tlsKey, '--tls-key / PROSSIMA_TLS_KEY'),
  };
}

/** What `start` and `broker` print about the broker, the anonymous warning first and loud. */
export function brokerLines(
  broker: { url: string; tlsUrl?: string; wsUrl?: string; metricsUrl?: string },
  config: Config,
): string[] {
  return [
    ...(config.allowAnonymous
      ? ['WARNING     anonymous MQTT access is ON (--allow-anonymous): anyone on the network may publish']
      : []),
    `MQTT        ${broker.url}`,
    ...(broker.tlsUrl ? [`MQTT TLS    ${broker.tlsUrl}`] : []),
    ...(broker.wsUrl ? [`MQTT WS     ${broker.wsUrl}`] : []),
    ...(broker.metricsUrl ? [`Metrics     ${broker.metricsUrl}`] : []),
  ];
}
