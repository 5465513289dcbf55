import { z } from 'zod';

// Every setting once: its flag, its environment variable, its schema (with the default) and its help.
// The config parser, `prossima help` and the README's table all come from this list.

const port = z.coerce.number().int().min(0, 'must be 0..65535').max(65535, 'must be 0..65535');
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => (typeof v === 'boolean' ? v : ['true', '1', 'yes'].includes(v)));

type Setting = { flag: string; env: string; schema: z.ZodType; help: string; commands?: string };

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
    help: 'Folder for the embedded SQLite database',
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
} satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;
