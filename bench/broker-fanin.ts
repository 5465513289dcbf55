import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashSecret } from '../broker/index.ts';
import { findExecutable } from '../test/real-parts.ts';
import { startMosquitto } from '../test/server-process.ts';
import type { BenchResult } from './measure.ts';

// Messages per second through the broker in the ingest shape: many device publishers, one subscriber,
// with authentication and ACL on, for our broker (aedes + Prossima's layer) and Debian's Mosquitto
// measured in the same run with the same load. Broker and load run in separate processes, so each
// broker's process is measured alone (rate at the subscriber, peak resident memory).

const PUBLISHERS = 50;
const SECONDS = 4;
const WINDOW = 20;
const SECRET = 'bench-secret-0123456789';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

type Target = { name: string; url: string; pid: number; close(): Promise<void> };
type Run = { qos: 0 | 1; perSecond: number };

const desks = Array.from({ length: PUBLISHERS }, (_, i) => `d-${String(i).padStart(3, '0')}`);
const topic = (desk: string) => `prossima/v1/bench/desk/${desk}/state`;
const logins = desks.map((desk) => ({ clientId: `dev-${desk}`, username: `dev-${desk}`, password: SECRET }));
const reader = { clientId: 'bench-reader', username: 'bench-reader', password: SECRET };

function child(args: object): { process: ChildProcess; next(): Promise<Record<string, unknown>> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', here('./broker-load.ts'), JSON.stringify(args)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiting: Array<(line: Record<string, unknown>) => void> = [];
  let buffer = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, i)) as Record<string, unknown>;
      buffer = buffer.slice(i + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  return {
    process: proc,
    next: () => {
      const line = lines.shift();
      return line ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

async function fanIn(target: Target, qos: 0 | 1): Promise<number> {
  const sub = child({ role: 'sub', url: target.url, qos, login: reader, filter: 'prossima/v1/bench/#' });
  await sub.next();
  const half = PUBLISHERS / 2;
  const pubs = [0, 1].map((part) =>
    child({
      role: 'pub',
      url: target.url,
      qos,
      logins: logins.slice(part * half, (part + 1) * half),
      topics: desks.slice(part * half, (part + 1) * half).map(topic),
      seconds: SECONDS,
      window: WINDOW,
    }),
  );
  for (const pub of pubs) await pub.next(); // connected
  for (const pub of pubs) await pub.next(); // done
  await new Promise((resolve) => setTimeout(resolve, 300)); // let the last deliveries land
  sub.process.stdin?.write('report\n');
  const { result } = (await sub.next()) as { result: { count: number; seconds: number } };
  return result.count / result.seconds;
}

/** Peak and current resident memory of a process, in MB (Linux). */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

async function prossimaBroker(dir: string): Promise<Target> {
  const hash = await hashSecret(SECRET);
  const created = new Date().toISOString();
  const devices = [
    ...desks.map((desk) => ({
      id: `dev-${desk}`,
      role: 'device',
      site: 'bench',
      desks: [desk],
      secretHash: hash,
      created,
    })),
    { id: reader.username, role: 'reader', secretHash: hash, created },
  ];
  const registryFile = join(dir, 'devices.json');
  writeFileSync(registryFile, JSON.stringify({ version: 1, devices }));
  // Auth and ACL as in production; the per-device rate limit is lifted, since the load is the point.
  const options = { port: 0, registryFile, limits: { publishRate: 1e9, publishBurst: 1e9 } };
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', here('../test/broker-child.ts'), JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve) => {
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const match = /MQTT (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  return {
    name: 'Prossima (aedes)',
    url,
    pid: proc.pid ?? 0,
    close: async () => {
      proc.kill('SIGINT');
      await exited;
    },
  };
}

async function mosquittoBroker(dir: string, mosquitto: string, passwd: string): Promise<Target> {
  const passwords = join(dir, 'passwords');
  writeFileSync(passwords, [...logins, reader].map((l) => `${l.username}:${SECRET}`).join('\n'));
  execFileSync(passwd, ['-U', passwords]);
  const acl = join(dir, 'acl');
  writeFileSync(
    acl,
    [
      `user ${reader.username}`,
      'topic read prossima/v1/#',
      ...desks.flatMap((desk) => [`user dev-${desk}`, `topic write ${topic(desk)}`]),
      '',
    ].join('\n'),
  );
  const server = await startMosquitto(mosquitto, [
    'allow_anonymous false',
    `password_file ${passwords}`,
    `acl_file ${acl}`,
  ]);
  return { name: 'Mosquitto', url: server.url, pid: server.child.pid ?? 0, close: server.close };
}

/** QoS 0 and QoS 1 fan-in for both brokers; ratios are Prossima / Mosquitto. */
export async function benchBroker(): Promise<{ results: BenchResult[]; memory: string[] }> {
  const mosquitto = findExecutable('mosquitto') ?? findExecutable('/usr/sbin/mosquitto');
  const passwd = findExecutable('mosquitto_passwd');
  if (!mosquitto || !passwd) {
    return {
      results: [],
      memory: ['  skipped: mosquitto and mosquitto_passwd are needed (apt-get install mosquitto)'],
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'prossima-bench-broker-'));
  const runs = new Map<string, Run[]>();
  const memory = new Map<string, { peak: number; now: number }>();
  try {
    for (const start of [() => mosquittoBroker(dir, mosquitto, passwd), () => prossimaBroker(dir)]) {
      const target = await start();
      try {
        const done: Run[] = [];
        for (const qos of [0, 1] as const) done.push({ qos, perSecond: await fanIn(target, qos) });
        runs.set(target.name, done);
        memory.set(target.name, memoryOf(target.pid));
      } finally {
        await target.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const results: BenchResult[] = [];
  for (const qos of [0, 1] as const) {
    const base = runs.get('Mosquitto')?.find((r) => r.qos === qos)?.perSecond ?? 0;
    const ours = runs.get('Prossima (aedes)')?.find((r) => r.qos === qos)?.perSecond ?? 0;
    results.push({ name: `QoS ${qos}, ${PUBLISHERS}→1, Mosquitto (baseline)`, perSecond: base });
    results.push({
      name: `QoS ${qos}, ${PUBLISHERS}→1, Prossima (aedes)`,
      perSecond: ours,
      ratio: ours / base,
    });
  }
  const m = memory.get('Mosquitto');
  const p = memory.get('Prossima (aedes)');
  const lines = [
    `  peak memory: Mosquitto ${m?.peak.toFixed(1)} MB, Prossima ${p?.peak.toFixed(1)} MB (ratio ${((p?.peak ?? 0) / (m?.peak || 1)).toFixed(1)})`,
  ];
  return { results, memory: lines };
}
