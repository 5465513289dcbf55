import { z } from 'zod';
import { SIM_SETTINGS } from './sim-settings.ts';

// Every setting once: its flag, its environment variable, its schema (with the default) and its help.
// The config parser, `prossima help` and the README's table all come from this list.

const port = z.coerce.number().int().min(0, 'must be 0..65535').max(65535, 'must be 0..65535');
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => (typeof v === 'boolean' ? v : ['true', '1', 'yes'].includes(v)));

type Setting = {
  flag: string;
  env: string;
  schema: z.ZodType;
  help: string;
  commands?: string;
  /** A switch: `--flag` / `--no-flag`, no value. */
  switch?: true;
};
const optionalPort = port.optional();
const positiveInt = z.coerce.number().int().positive('must be a whole number above 0');

export const SETTINGS = {
  host: {
    flag: 'host',
    env: 'PROSSIMA_HOST',
    schema: z.string().min(1).default('127.0.0.1'),
    help: 'Address the broker and the HTTP server listen on (0.0.0.0 to open them to the network)',
  },
  mqttPort: {
    flag: 'mqtt-port',
    env: 'PROSSIMA_MQTT_PORT',
    schema: port.default(1883),
    help: 'MQTT port of the embedded broker; 0 picks a free one',
  },
  httpPort: {
    flag: 'http-port',
    env: 'PROSSIMA_HTTP_PORT',
    schema: port.default(8080),
    help: 'HTTP port of the API and dashboard; 0 picks a free one',
  },
  dataDir: {
    flag: 'data-dir',
    env: 'PROSSIMA_DATA_DIR',
    schema: z.string().min(1).default('./data'),
    help: 'Folder for the embedded SQLite database and the device registry (devices.json)',
  },
  store: {
    flag: 'store',
    env: 'PROSSIMA_STORE',
    schema: z.enum(['sqlite', 'influxdb']).default('sqlite'),
    help: 'Where history goes: sqlite (embedded) or influxdb (v1 HTTP API)',
  },
  influxUrl: {
    flag: 'influx-url',
    env: 'PROSSIMA_INFLUX_URL',
    schema: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('http://127.0.0.1:8086'),
    help: 'InfluxDB base URL (1.x, or 2.x/3.x through their v1 API)',
  },
  influxDb: {
    flag: 'influx-db',
    env: 'PROSSIMA_INFLUX_DB',
    schema: z.string().min(1).default('prossima'),
    help: 'InfluxDB database (1.x) or the database/bucket mapped to it (2.x, 3.x)',
  },
  influxReportsDb: {
    flag: 'influx-reports-db',
    env: 'PROSSIMA_INFLUX_REPORTS_DB',
    schema: z.string().min(1).optional(),
    help: "Database of the derived series (reports), so that InfluxDB's own retention can expire events and keep them; --influx-db when unset",
  },
  influxUser: {
    flag: 'influx-user',
    env: 'PROSSIMA_INFLUX_USER',
    schema: z.string().optional(),
    help: 'InfluxDB user name (with the password)',
  },
  influxPassword: {
    flag: 'influx-password',
    env: 'PROSSIMA_INFLUX_PASSWORD',
    schema: z.string().optional(),
    help: 'InfluxDB password',
  },
  influxToken: {
    flag: 'influx-token',
    env: 'PROSSIMA_INFLUX_TOKEN',
    schema: z.string().optional(),
    help: 'InfluxDB token (2.x, 3.x), instead of user and password',
  },
  sites: {
    flag: 'sites',
    env: 'PROSSIMA_SITES',
    schema: z.string().optional(),
    help: 'Comma-separated site files (JSON); the bundled demo site when unset',
  },
  mqttUrl: {
    flag: 'mqtt-url',
    env: 'PROSSIMA_MQTT_URL',
    schema: z
      .string()
      .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
      .optional(),
    help: 'Broker for components run apart (ingest, api, sim); mqtt://HOST:MQTT_PORT when unset',
  },
  mqttUsername: {
    flag: 'mqtt-username',
    env: 'PROSSIMA_MQTT_USERNAME',
    schema: z.string().optional(),
    help: 'User name on an external broker',
  },
  mqttPassword: {
    flag: 'mqtt-password',
    env: 'PROSSIMA_MQTT_PASSWORD',
    schema: z.string().optional(),
    help: 'Password on an external broker',
  },
  ingestClientId: {
    flag: 'ingest-client-id',
    env: 'PROSSIMA_INGEST_CLIENT_ID',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash and underscore')
      .default('prossima-ingest'),
    help: "Ingest's MQTT client id (its persistent session) and the name of its log; one per worker",
    commands: 'start, ingest',
  },
  ingestSites: {
    flag: 'ingest-sites',
    env: 'PROSSIMA_INGEST_SITES',
    schema: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$/, 'must be comma-separated site ids')
      .optional(),
    help: 'Only these sites (comma-separated ids): workers split the load by site; every site when unset',
    commands: 'ingest',
  },
  ingestShareGroup: {
    flag: 'ingest-share-group',
    env: 'PROSSIMA_INGEST_SHARE_GROUP',
    schema: z
      .string()
      .regex(/^[^/+#\s]+$/, 'no /, +, # or spaces')
      .optional(),
    help: 'Subscribe as $share/GROUP/…: workers of a group share messages (Mosquitto, EMQX; not the embedded broker)',
    commands: 'ingest',
  },
  ingestWalMaxMb: {
    flag: 'ingest-wal-max-mb',
    env: 'PROSSIMA_INGEST_WAL_MAX_MB',
    schema: z.coerce.number().int().min(64, 'must be at least 64').default(1024),
    help: "Disk budget of ingest's log ({data-dir}/ingest-wal) while the store is down; past it ingest stops taking messages",
    commands: 'start, ingest',
  },
  keepEventsDays: {
    flag: 'keep-events-days',
    env: 'PROSSIMA_KEEP_EVENTS_DAYS',
    schema: z.coerce.number().int().min(0, 'must be 0 or more').default(0),
    help: 'Days of events and dead letters kept: older ones are set aside as they arrive and deleted every hour; derived series (reports) are kept. 0 = all kept',
    commands: 'start, ingest',
  },
  logLevel: {
    flag: 'log-level',
    env: 'PROSSIMA_LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    help: 'Log level (logs are JSON lines on stderr)',
  },
  sim: {
    flag: 'sim',
    env: 'PROSSIMA_SIM',
    schema: flag.default(true),
    help: 'Run the simulated sensors with `start` (`--no-sim` turns them off)',
    commands: 'start',
    switch: true,
  },
  simSeed: {
    flag: 'sim-seed',
    env: 'PROSSIMA_SIM_SEED',
    schema: z.coerce.number().int().nonnegative().optional(),
    help: 'Simulator seed, for a repeatable run; random when unset',
    commands: 'start, sim',
  },
  simSpeed: {
    flag: 'sim-speed',
    env: 'PROSSIMA_SIM_SPEED',
    schema: z.coerce.number().positive('must be above 0').max(3600).default(1),
    help: 'Simulated seconds per real second',
    commands: 'start, sim',
  },
  ...SIM_SETTINGS,
  allowAnonymous: {
    flag: 'allow-anonymous',
    env: 'PROSSIMA_ALLOW_ANONYMOUS',
    schema: flag.default(false),
    help: 'Development only: let clients without credentials publish and subscribe to anything',
    commands: 'start, broker',
    switch: true,
  },
  tlsCert: {
    flag: 'tls-cert',
    env: 'PROSSIMA_TLS_CERT',
    schema: z.string().min(1).optional(),
    help: 'PEM certificate file: MQTT over TLS on --mqtts-port (plain MQTT then stays on 127.0.0.1)',
    commands: 'start, broker',
  },
  tlsKey: {
    flag: 'tls-key',
    env: 'PROSSIMA_TLS_KEY',
    schema: z.string().min(1).optional(),
    help: 'PEM private key file of --tls-cert',
    commands: 'start, broker',
  },
  mqttsPort: {
    flag: 'mqtts-port',
    env: 'PROSSIMA_MQTTS_PORT',
    schema: port.default(8883),
    help: 'MQTT over TLS port, when --tls-cert and --tls-key are set; 0 picks a free one',
    commands: 'start, broker',
  },
  wsPort: {
    flag: 'ws-port',
    env: 'PROSSIMA_WS_PORT',
    schema: optionalPort,
    help: 'MQTT over WebSocket port (wss with TLS); off when unset',
    commands: 'start, broker',
  },
  wsPath: {
    flag: 'ws-path',
    env: 'PROSSIMA_WS_PATH',
    schema: z.string().startsWith('/', 'must start with /').default('/mqtt'),
    help: 'Path of MQTT over WebSocket',
    commands: 'start, broker',
  },
  metricsPort: {
    flag: 'metrics-port',
    env: 'PROSSIMA_METRICS_PORT',
    schema: optionalPort,
    help: 'Port serving the broker metrics as Prometheus text at /metrics; off when unset',
    commands: 'start, broker',
  },
  redisUrl: {
    flag: 'redis-url',
    env: 'PROSSIMA_REDIS_URL',
    schema: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    help: 'Keep broker sessions and retained messages in Redis, shared by several brokers; memory when unset',
    commands: 'start, broker',
  },
  maxPayload: {
    flag: 'max-payload',
    env: 'PROSSIMA_MAX_PAYLOAD',
    schema: positiveInt.default(16_384),
    help: 'Largest MQTT payload in bytes; a client sending more is disconnected',
    commands: 'start, broker',
  },
  maxTopicBytes: {
    flag: 'max-topic-bytes',
    env: 'PROSSIMA_MAX_TOPIC_BYTES',
    schema: positiveInt.max(65_535).default(256),
    help: 'Longest topic or filter in bytes',
    commands: 'start, broker',
  },
  maxTopicLevels: {
    flag: 'max-topic-levels',
    env: 'PROSSIMA_MAX_TOPIC_LEVELS',
    schema: positiveInt.max(100).default(16),
    help: 'Most levels in a topic or filter (at most 100)',
    commands: 'start, broker',
  },
  maxInflight: {
    flag: 'max-inflight',
    env: 'PROSSIMA_MAX_INFLIGHT',
    schema: positiveInt.default(100),
    help: 'QoS 2 messages a client may leave awaiting PUBREL',
    commands: 'start, broker',
  },
  publishRate: {
    flag: 'publish-rate',
    env: 'PROSSIMA_PUBLISH_RATE',
    schema: z.coerce.number().positive('must be above 0').default(10),
    help: 'Sustained publishes per second a device may send; a faster one is disconnected',
    commands: 'start, broker',
  },
  publishBurst: {
    flag: 'publish-burst',
    env: 'PROSSIMA_PUBLISH_BURST',
    schema: positiveInt.default(60),
    help: 'Publishes a device may send at once above --publish-rate',
    commands: 'start, broker',
  },
  maxConnections: {
    flag: 'max-connections',
    env: 'PROSSIMA_MAX_CONNECTIONS',
    schema: positiveInt.default(1000),
    help: 'Open MQTT connections (TCP and WebSocket together)',
    commands: 'start, broker',
  },
  memberAccess: {
    flag: 'member-access',
    env: 'PROSSIMA_MEMBER_ACCESS',
    schema: z.enum(['open', 'token']).default('open'),
    help: 'open: the member view (free desks, counts) needs no token from the local network; token: it does',
    commands: 'start, api',
  },
  awayGrace: {
    flag: 'away-grace',
    env: 'PROSSIMA_AWAY_GRACE',
    schema: z.coerce.number().int().nonnegative().max(240).default(15),
    help: 'Minutes a vacated desk stays "away" (still held) before it shows free',
    commands: 'start, api',
  },
  rateLimit: {
    flag: 'rate-limit',
    env: 'PROSSIMA_RATE_LIMIT',
    schema: z.coerce.number().int().positive().default(600),
    help: 'API requests a minute allowed per token and per address (429 beyond)',
    commands: 'start, api',
  },
  webhooks: {
    flag: 'webhooks',
    env: 'PROSSIMA_WEBHOOKS',
    schema: z
      .string()
      .regex(/^https?:\/\/\S+(,\s*https?:\/\/\S+)*$/, 'must be comma-separated http(s) URLs')
      .optional(),
    help: 'Comma-separated URLs that receive alerts as signed JSON POSTs',
    commands: 'start, api',
  },
  webhookSecret: {
    flag: 'webhook-secret',
    env: 'PROSSIMA_WEBHOOK_SECRET',
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    help: 'Key of the HMAC-SHA256 signature on webhook deliveries (needed with --webhooks)',
    commands: 'start, api',
  },
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;
