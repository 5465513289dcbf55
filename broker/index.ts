// The embedded MQTT broker every sensor in a space talks to: aedes with device identity, ACL, limits,
// TCP/TLS/WebSocket transports, optional Redis scale-out and metrics. It knows topics only as strings.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import { type Logger, pino } from 'pino';
import { z } from 'zod';
import { openAccounts, type ServiceAccount } from './accounts.ts';
import { createAuth, DropError } from './auth.ts';
import { markRedeliveries } from './conformance.ts';
import { flattenEmitter } from './emitter-guard.ts';
import { limitsSchema, maxPacketBytes } from './limits.ts';
import { type BrokerMetrics, createMetricsRecorder, prometheusText } from './metrics.ts';
import { serveMetrics } from './metrics-http.ts';
import { openStorage, type Persistence } from './persistence.ts';
import { startTransports } from './transports.ts';

export type { ServiceAccount } from './accounts.ts';
export type { Identity } from './acl.ts';
export { hashSecret, newSecret, verifySecret } from './credentials.ts';
export {
  addDevice,
  type DeviceRecord,
  type NewDevice,
  RegistryError,
  readRegistry,
  registryFile,
  revokeDevice,
  rotateDevice,
} from './device-registry.ts';
export { type Limits, limitsSchema } from './limits.ts';
export { type BrokerMetrics, PROMETHEUS_CONTENT_TYPE, prometheusText } from './metrics.ts';
export { metricsHandler } from './metrics-http.ts';

const pem = z.union([z.string().min(1), z.instanceof(Buffer)]);

export const brokerOptionsSchema = z.object({
  host: z.string().default('127.0.0.1'),
  /** Plain MQTT over TCP; 0 picks a free port. Listens on 127.0.0.1 only when `tls` is set. */
  port: z.number().int().min(0).max(65535).default(1883),
  /** Development only: clients without a user name get full access (`$` topics excepted). */
  allowAnonymous: z.boolean().default(false),
  /** The device registry (`{dataDir}/devices.json`); watched, so revocations apply at once. */
  registryFile: z.string().optional(),
  /** Fallback re-read of the registry when the file system does not report changes. */
  registryPollMs: z.number().int().positive().default(2000),
  /** PEM certificate and key: MQTT over TLS on `tlsPort`, and WebSocket becomes wss. */
  tls: z.object({ cert: pem, key: pem }).optional(),
  tlsPort: z.number().int().min(0).max(65535).default(8883),
  /** MQTT over WebSocket on its own port at `wsPath`; off when unset. */
  wsPort: z.number().int().min(0).max(65535).optional(),
  wsPath: z.string().startsWith('/').default('/mqtt'),
  /** Prometheus text at http://host:metricsPort/metrics; off when unset. */
  metricsPort: z.number().int().min(0).max(65535).optional(),
  /** redis://[user:password@]host:port[/db]: sessions, retained messages and fan-out shared by brokers. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  redisMaxSessionDelivery: z.number().int().positive().default(100_000),
  limits: limitsSchema.prefault({}),
  /** Messages aedes routes at once; higher helps many-to-one fan-in. */
  concurrency: z.number().int().positive().default(100),
  /** Unique per broker process sharing a Redis. */
  id: z.string().optional(),
});

export type BrokerOptions = z.input<typeof brokerOptionsSchema> & {
  /** In-memory accounts for this run's own services (never written anywhere). */
  services?: ServiceAccount[];
  logger?: Logger;
  now?: () => number;
};

export type BrokerHandle = {
  /** The plain MQTT port (the real one when 0 was asked). */
  port: number;
  host: string;
  /** `mqtt://host:port`, ready to hand to any MQTT client. */
  url: string;
  tlsUrl?: string;
  wsUrl?: string;
  metricsUrl?: string;
  aedes: Aedes;
  /** A snapshot of the broker's numbers (see metrics.ts for each definition). */
  metrics(): Promise<BrokerMetrics>;
  /** The same as Prometheus text, to serve at /metrics. */
  metricsText(): Promise<string>;
  /** Serves MQTT over WebSocket from another HTTP server's 'upgrade' event. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Re-reads the device registry now (it is watched anyway). */
  reloadRegistry(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Starts the broker.
 * @example const broker = await start({ port: 0, allowAnonymous: true }); console.log(broker.url); await broker.close();
 */
export async function start(options: BrokerOptions = {}): Promise<BrokerHandle> {
  const config = brokerOptionsSchema.parse(options);
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const { limits } = config;
  const metrics = createMetricsRecorder(now);
  const accounts = await openAccounts({
    registryFile: config.registryFile,
    services: options.services ?? [],
    pollMs: config.registryPollMs,
    logger,
  });
  const auth = createAuth({ accounts, allowAnonymous: config.allowAnonymous, limits, metrics, logger, now });
  accounts.onChange((changed) => auth.disconnect(changed));
  const storage = openStorage({
    ...config,
    onRedisError: (error) => logger.error({ err: error.message }, 'redis error (reconnecting)'),
  });
  const aedes = await Aedes.createBroker({
    id: config.id ?? `prossima-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    ...storage.aedesOptions,
    ...auth.hooks,
    concurrency: config.concurrency,
    connectTimeout: limits.connectTimeoutMs,
    drainTimeout: limits.drainTimeoutMs,
    maxInflightInbound: limits.maxInflight,
    maxTopicLevels: limits.maxTopicLevels,
  });
  storage.attach((aedes as unknown as { persistence: Persistence }).persistence);
  markRedeliveries((aedes as unknown as { persistence: Parameters<typeof markRedeliveries>[0] }).persistence);
  flattenEmitter((aedes as unknown as { mq: unknown }).mq);
  const onError = (client: Client | null, error: Error) => {
    const reason = dropReason(error);
    if (reason) metrics.dropped(reason);
    logger.debug({ clientId: client?.id, err: error.message }, 'mqtt client error');
  };
  aedes.on('clientError', onError);
  aedes.on('connectionError', onError);
  if (config.allowAnonymous) {
    logger.warn(
      'ANONYMOUS ACCESS IS ON: any client on the network may publish and subscribe (development only)',
    );
  }
  const transports = await startTransports({
    aedes,
    ...config,
    maxConnections: limits.maxConnections,
    maxPacketBytes: maxPacketBytes(limits),
    onDropped: (reason, detail) => {
      metrics.dropped(reason);
      logger.warn({ ...detail, reason }, 'mqtt connection dropped');
    },
    logger,
  });
  const snapshot = async () => {
    const bytes = transports.bytes();
    return metrics.snapshot({
      clients: aedes.connectedClients,
      bytesIn: bytes.in,
      bytesOut: bytes.out,
      retained: await storage.retained(),
      queued: storage.queued(
        (id) => (aedes as unknown as { clients: Record<string, unknown> }).clients[id] !== undefined,
      ),
    });
  };
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await serveMetrics(config.host, config.metricsPort, snapshot);
  logger.info(
    {
      url: transports.url,
      tls: transports.tlsUrl,
      ws: transports.wsUrl,
      metrics: metricsServer?.url,
      redis: !!config.redisUrl,
    },
    'mqtt broker listening',
  );
  return {
    port: transports.port,
    host: config.host,
    url: transports.url,
    ...(transports.tlsUrl ? { tlsUrl: transports.tlsUrl } : {}),
    ...(transports.wsUrl ? { wsUrl: transports.wsUrl } : {}),
    ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
    aedes,
    metrics: snapshot,
    metricsText: async () => prometheusText(await snapshot()),
    upgrade: transports.upgrade,
    reloadRegistry: accounts.reload,
    close: async () => {
      accounts.close();
      await metricsServer?.close();
      await transports.close();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await storage.close();
    },
  };
}

/** What a client error says about why the client went, for the dropped count; undefined if not a drop. */
function dropReason(error: Error): string | undefined {
  if (error instanceof DropError) return undefined; // counted where it was raised
  if ((error as NodeJS.ErrnoException).code) return undefined; // the network, not the client's fault
  const m = error.message;
  if (m === 'connection closed') return undefined;
  if (m.includes('keep alive')) return 'keepalive-timeout';
  if (m.includes('connect did not arrive')) return 'connect-timeout';
  if (m.includes('drain timeout')) return 'drain-timeout';
  if (m.includes('maxInflightInbound')) return 'inflight-limit';
  if (m.includes('too many levels')) return 'topic-too-big';
  return 'protocol-error';
}
