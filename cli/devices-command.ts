import { hostname } from 'node:os';
import {
  addDevice,
  type DeviceRecord,
  type NewDevice,
  readRegistry,
  registryFile,
  revokeDevice,
  rotateDevice,
} from '../broker/index.ts';
import {
  DEMO_SITE_FILE,
  deskSensorId,
  doorCounterId,
  indexSite,
  loadSites,
  type Site,
} from '../protocol/index.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { SETTINGS } from './settings.ts';

// `prossima devices add|list|revoke|rotate`: provisions real sensors in the data folder's registry.
// A running broker watches that file, so a revocation disconnects the device at once.

export const DEVICES_HELP = 'provision sensors: devices add|list|revoke|rotate (README, Security)';

const VALUE_FLAGS = ['site', 'desk', 'door', 'id'] as const;
const SWITCHES = ['all', 'reader', 'json'] as const;
const SWITCH_FLAGS = new Set(Object.values(SETTINGS).flatMap((s) => ('switch' in s ? [s.flag] : [])));
type DeviceArgs = {
  site?: string;
  desk: string[];
  door: string[];
  id?: string;
  all: boolean;
  reader: boolean;
  json: boolean;
};

/** Splits the device flags from the general settings (which go to loadConfig). */
export function splitDeviceArgs(args: readonly string[]): {
  device: DeviceArgs;
  rest: string[];
  positionals: string[];
} {
  const device: DeviceArgs = { desk: [], door: [], all: false, reader: false, json: false };
  const rest: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name = '', inline] = arg.replace(/^--/, '').split(/=(.*)/s);
    if (arg.startsWith('--') && (VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new ConfigError(`--${name} needs a value`);
      if (name === 'desk' || name === 'door') device[name].push(value);
      else device[name as 'site' | 'id'] = value;
    } else if (arg.startsWith('--') && (SWITCHES as readonly string[]).includes(name)) {
      device[name as (typeof SWITCHES)[number]] = true;
    } else if (!arg.startsWith('-')) {
      positionals.push(arg);
    } else {
      rest.push(arg);
      // A general setting's value follows it, unless given inline or the setting is a switch.
      if (arg.startsWith('--') && inline === undefined && !SWITCH_FLAGS.has(name.replace(/^no-/, ''))) {
        const value = args[++i];
        if (value !== undefined) rest.push(value);
      }
    }
  }
  return { device, rest, positionals };
}

/** Runs `prossima devices …`; resolves with the exit code. Prints to `out` (stdout). */
export async function runDevices(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const { device, rest, positionals } = splitDeviceArgs(args);
  const { config } = loadConfig(rest, env);
  const file = registryFile(config.dataDir);
  const [action, id] = positionals;
  switch (action) {
    case 'add': {
      const created = await addDevice(file, await newDevice(device, config));
      printSecret(created.record, created.secret, config, device.json, out);
      return 0;
    }
    case 'rotate': {
      const rotated = await rotateDevice(file, required(id, 'rotate'));
      printSecret(rotated.record, rotated.secret, config, device.json, out);
      return 0;
    }
    case 'revoke': {
      const record = await revokeDevice(file, required(id, 'revoke'));
      out(
        device.json
          ? JSON.stringify(publicRecord(record))
          : `Device ${record.id} revoked: a running broker disconnects it at once.`,
      );
      return 0;
    }
    case 'list': {
      const { devices } = await readRegistry(file);
      if (device.json) out(JSON.stringify(devices.map(publicRecord)));
      else for (const line of listLines(devices, file)) out(line);
      return 0;
    }
    default:
      throw new ConfigError(`Usage: prossima devices add|list|revoke ID|rotate ID\n  ${DEVICES_HELP}`);
  }
}

function required(id: string | undefined, action: string): string {
  if (!id) throw new ConfigError(`Usage: prossima devices ${action} ID`);
  return id;
}

/** Checks the site and its desks and doors against the site files before anything is written. */
async function newDevice(args: DeviceArgs, config: Config): Promise<NewDevice> {
  if (args.reader) {
    if (!args.id) throw new ConfigError('a reader needs --id (e.g. --id ingest)');
    return { role: 'reader', id: args.id };
  }
  const sites = await loadSites(
    config.sites ? config.sites.split(',').map((f) => f.trim()) : [DEMO_SITE_FILE],
  );
  const site: Site | undefined = sites.find((s) => s.id === args.site);
  if (!site)
    throw new ConfigError(
      `--site: needs one of ${sites.map((s) => s.id).join(', ')} (got ${args.site ?? 'nothing'})`,
    );
  const index = indexSite(site);
  for (const desk of args.desk)
    if (!index.desks.has(desk)) throw new ConfigError(`--desk: no desk "${desk}" in site ${site.id}`);
  for (const door of args.door)
    if (!index.doors.has(door)) throw new ConfigError(`--door: no door "${door}" in site ${site.id}`);
  const first = args.desk[0]
    ? deskSensorId({ id: args.desk[0] })
    : args.door[0]
      ? doorCounterId({ id: args.door[0] })
      : undefined;
  const id = args.id ?? first;
  if (!id) throw new ConfigError('a device needs --desk, --door or --all (and --id with --all)');
  return { role: 'device', id, site: site.id, desks: args.desk, doors: args.door, all: args.all };
}

function printSecret(
  record: DeviceRecord,
  secret: string,
  config: Config,
  json: boolean,
  out: (line: string) => void,
): void {
  const host = config.host === '0.0.0.0' ? hostname() : config.host;
  const tls = Boolean(config.tlsCert && config.tlsKey);
  const url = `${tls ? 'mqtts' : 'mqtt'}://${record.id}:${secret}@${host}:${tls ? config.mqttsPort : config.mqttPort}`;
  if (json) {
    out(
      JSON.stringify({
        ...publicRecord(record),
        clientId: record.id,
        username: record.id,
        password: secret,
        url,
      }),
    );
    return;
  }
  out(
    `${record.role === 'reader' ? 'Reader' : 'Device'} ${record.id} (${places(record)}). Its secret is shown only now:`,
  );
  out(`  ${url}`);
  out(`Client id and user name ${record.id}, password ${secret}`);
}

function publicRecord({ secretHash: _hidden, ...record }: DeviceRecord) {
  return record;
}

function places(record: DeviceRecord): string {
  if (record.role === 'reader') return 'reads prossima/v1/, reports under prossima/sys/';
  if (record.all) return `every desk and door of ${record.site}`;
  const parts = [...record.desks.map((d) => `desk ${d}`), ...record.doors.map((d) => `door ${d}`)];
  return `${record.site}: ${parts.join(', ')}`;
}

function listLines(devices: DeviceRecord[], file: string): string[] {
  if (devices.length === 0)
    return [`No devices in ${file} yet: prossima devices add --site SITE --desk DESK`];
  return devices.map((d) => {
    const status = d.revoked ? `revoked ${d.revoked}` : `active since ${d.rotated ?? d.created}`;
    return `${d.id.padEnd(20)} ${d.role.padEnd(7)} ${places(d).padEnd(40)} ${status}`;
  });
}
