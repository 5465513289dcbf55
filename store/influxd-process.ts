import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ident, influxql } from './influxql.ts';

// A throwaway InfluxDB 1.x for tests: its own data folder, its own free ports, quiet logs.
// Several test files may each start one at the same time, so nothing here may be shared.

const DEBIAN_CONFIG = '/etc/influxdb/influxdb.conf';
const START_TIMEOUT_MS = 15_000;

export type StartInfluxdOptions = {
  /** The influxd executable; defaults to `influxd` on PATH. */
  influxdPath?: string;
  /** Turns on authentication and creates this admin user before resolving. */
  admin?: { username: string; password: string };
};

export type InfluxdHandle = {
  url: string;
  /** Stops influxd as an outage would, keeping its data: `resume()` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
  /** The running influxd's process id (benchmarks read its CPU time). */
  pid(): number | undefined;
};

/**
 * Starts influxd on 127.0.0.1 with a temporary data folder; close() stops it and deletes the folder.
 * @example const influxd = await startInfluxd(); …; await influxd.close();
 */
export async function startInfluxd(options: StartInfluxdOptions = {}): Promise<InfluxdHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'prossima-influxd-'));
  try {
    // Free ports are found by binding port 0 and letting go, so another process can take one in
    // between; influxd then exits at once with "address already in use" and we try fresh ports.
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce(dir, options);
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('address already in use')) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startOnce(dir: string, options: StartInfluxdOptions): Promise<InfluxdHandle> {
  const httpPort = await freePort();
  const url = `http://127.0.0.1:${httpPort}`;
  const configPath = join(dir, 'influxdb.conf');
  const base = existsSync(DEBIAN_CONFIG) ? await readFile(DEBIAN_CONFIG, 'utf8') : '';
  await writeFile(configPath, rewriteConfig(base, overrides(dir, httpPort, options.admin !== undefined)));
  let child = await run(url, configPath, options);
  try {
    await checkItIsOurs(url, configPath);
    if (options.admin) await createAdmin(url, options.admin);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return {
    url,
    pause: () => stop(child),
    resume: async () => {
      child = await run(url, configPath, options);
    },
    close: () => stop(child, dir),
    pid: () => child.pid,
  };
}

/** Runs influxd on a config and resolves once it answers /ping. */
async function run(url: string, configPath: string, options: StartInfluxdOptions): Promise<ChildProcess> {
  // An empty environment, so INFLUXDB_* variables on the developer's machine cannot override the config.
  const child = spawn(options.influxdPath ?? 'influxd', ['run', '-config', configPath], {
    env: {},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForPing(url, child, () => output);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return child;
}

/** Config keys we set, by section ('' is the top level); everything else keeps the Debian default. */
function overrides(dir: string, httpPort: number, auth: boolean): Map<string, string[]> {
  const q = JSON.stringify;
  const disabled = ['enabled = false'];
  return new Map([
    // The backup/restore RPC service defaults to :8088 for every influxd; nothing here talks to it,
    // so it takes port 0 and cannot collide with a parallel test file.
    ['', ['reporting-enabled = false', 'bind-address = "127.0.0.1:0"']],
    ['meta', [`dir = ${q(join(dir, 'meta'))}`, 'logging-enabled = false']],
    [
      'data',
      [
        `dir = ${q(join(dir, 'data'))}`,
        `wal-dir = ${q(join(dir, 'wal'))}`,
        'query-log-enabled = false',
        'trace-logging-enabled = false',
      ],
    ],
    ['monitor', ['store-enabled = false']],
    [
      'http',
      [`bind-address = ${q(`127.0.0.1:${httpPort}`)}`, 'log-enabled = false', `auth-enabled = ${auth}`],
    ],
    ['logging', ['level = "warn"', 'suppress-logo = true']],
    ['continuous_queries', ['log-enabled = false']],
    // Services that would each bind a port of their own; tests speak HTTP only.
    ['ifql', disabled],
    ['graphite', disabled],
    ['collectd', disabled],
    ['opentsdb', disabled],
    ['udp', disabled],
  ]);
}

/**
 * Applies `overrides` to a TOML config: drops the keys we set wherever they appear uncommented,
 * writes ours right under each section header (and the top-level ones before the first section),
 * and appends sections the base lacks. TOML forbids duplicate keys, hence the dropping.
 */
export function rewriteConfig(base: string, overrides: Map<string, string[]>): string {
  const out = [...(overrides.get('') ?? [])];
  const seen = new Set<string>();
  let section = '';
  for (const line of base.split('\n')) {
    const header = /^\s*\[\[?\s*([\w.-]+)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      seen.add(section);
      out.push(line, ...(overrides.get(section) ?? []).map((setting) => `  ${setting}`));
      continue;
    }
    const key = /^\s*([\w-]+)\s*=/.exec(line)?.[1];
    const ours = (overrides.get(section) ?? []).some((setting) => setting.startsWith(`${key} `));
    if (!(key && ours)) out.push(line);
  }
  for (const [name, settings] of overrides) {
    if (name !== '' && !seen.has(name))
      out.push('', `[${name}]`, ...settings.map((setting) => `  ${setting}`));
  }
  return `${out.join('\n')}\n`;
}

/** A port that was free a moment ago; the caller retries if someone else takes it first. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `influxd exited (${signal ?? `code ${code}`})`;
  });
  child.once('error', (error) => {
    exited = `influxd could not start: ${error.message}`;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${exited} before answering ${url}/ping:\n${output()}`);
    try {
      const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 204) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`influxd did not answer ${url}/ping within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

/**
 * Another test file's influxd may have been handed the same port and answer our ping while ours
 * fails to bind; its /debug/vars names the config file it was started with, so ask.
 */
async function checkItIsOurs(url: string, configPath: string): Promise<void> {
  const response = await fetch(`${url}/debug/vars`);
  if (!response.ok) return;
  const vars = (await response.json()) as { cmdline?: unknown };
  if (Array.isArray(vars.cmdline) && !vars.cmdline.includes(configPath)) {
    throw new Error(`another influxd answered on ${url}: address already in use`);
  }
}

async function createAdmin(url: string, admin: { username: string; password: string }): Promise<void> {
  // InfluxDB 1.x lets anyone create the first user, and only an admin, while auth is on and no user exists.
  const q = influxql`CREATE USER ${ident(admin.username)} WITH PASSWORD ${admin.password} WITH ALL PRIVILEGES`;
  const body = new URLSearchParams({ q: q.text });
  const response = await fetch(`${url}/query`, { method: 'POST', body });
  if (!response.ok) throw new Error(`could not create the admin user: ${await response.text()}`);
}

async function stop(child: ChildProcess, dir?: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  if (dir) await rm(dir, { recursive: true, force: true });
}
