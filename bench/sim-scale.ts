import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { scaleSites, start as startSim } from '../firmware-sim/index.ts';
import { DEMO_SITE_FILE, loadSites } from '../protocol/index.ts';
import type { BenchResult } from './measure.ts';

// One simulator process driving 10,000 devices, each its own MQTT connection, against the broker in a
// child process (`prossima broker`, so the two do not share a core). Baseline: one raw MQTT.js client
// publishing at QoS 1 as fast as the same broker acknowledges, with the same window in flight.
const DEVICES = 10_000;
const WINDOW = 2000;
const MEASURE_MS = 5000;
const CLI = fileURLToPath(new URL('../cli/prossima.js', import.meta.url));

export async function benchSimScale(): Promise<{ results: BenchResult[]; notes: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sim-'));
  const broker = await startBrokerProcess(dataDir);
  try {
    const baseline = await rawPublisher(broker.url);
    const sites = scaleSites(await loadSites([DEMO_SITE_FILE]), DEVICES);
    const connecting = performance.now();
    const sim = await startSim({ mqttUrl: broker.url, sites, rate: 1_000_000, maxInFlight: WINDOW, seed: 1 });
    const connectMs = performance.now() - connecting;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = sim.stats().published;
    const began = performance.now();
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const perSecond = ((sim.stats().published - before) / (performance.now() - began)) * 1000;
    const { connected } = sim.stats();
    await sim.close();
    return {
      results: [
        { name: 'one raw MQTT.js publisher (baseline)', perSecond: baseline },
        {
          name: `sim, ${sim.devices.toLocaleString('en')} device connections`,
          perSecond,
          ratio: perSecond / baseline,
        },
      ],
      notes: [
        `  ${sim.devices.toLocaleString('en')} devices connected in ${(connectMs / 1000).toFixed(1)} s (${connected.toLocaleString('en')} connected at the end); target rate 1,000,000/s, so the achieved rate is what the broker took`,
      ],
    };
  } finally {
    await broker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function rawPublisher(url: string): Promise<number> {
  const client = await mqtt.connectAsync(url, { clientId: 'bench-baseline' });
  const payload = JSON.stringify({ occupied: true, ts: Date.now(), seq: 1 });
  let acked = 0;
  let inFlight = 0;
  let running = true;
  const pump = () => {
    while (running && inFlight < WINDOW) {
      inFlight++;
      client.publish('prossima/v1/demo/desk/a-01/state', payload, { qos: 1 }, () => {
        inFlight--;
        acked++;
        pump();
      });
    }
  };
  pump();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = acked;
  const began = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const perSecond = ((acked - before) / (performance.now() - began)) * 1000;
  running = false;
  await client.endAsync(true);
  return perSecond;
}

/** `prossima broker` in its own process: anonymous (benchmark only), no per-device rate limit. */
async function startBrokerProcess(dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const args = [
    ...['broker', '--mqtt-port', '0', '--allow-anonymous', '--data-dir', dataDir, '--log-level', 'error'],
    ...[
      '--max-connections',
      String(DEVICES + 100),
      '--publish-rate',
      '1000000',
      '--publish-burst',
      '1000000',
    ],
  ];
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /MQTT\s+(mqtt:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`prossima broker exited (${code}): ${out}`)));
  });
  return {
    url,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    },
  };
}
