import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice, registryFile } from '../broker/index.ts';
import type { LiveSite } from '../protocol/index.ts';
import { openInfluxStore } from '../store/influx-store.ts';
import { startInfluxd } from '../store/influxd-process.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { type CliProcess, runCli } from './cli-process.ts';
import { realPart } from './real-parts.ts';
import { readSse } from './sse-reader.ts';
import { waitFor } from './wait-for.ts';

const mosquittoPub = realPart('mosquitto_pub', 'apt-get install mosquitto-clients');
const run = promisify(execFile);

describe.skipIf(!mosquittoPub.found)('prossima start, end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'prossima-e2e-'));
  let cli: CliProcess;
  let http: string;
  let mqttPort: string;

  let sensor: string[];

  beforeAll(async () => {
    // A real sensor is provisioned first (anonymous clients are refused): `prossima devices add`'s work.
    const { secret } = await addDevice(registryFile(dataDir), {
      role: 'device',
      id: 'ds-b-07',
      site: 'demo',
      desks: ['b-07'],
    });
    sensor = ['-i', 'ds-b-07', '-u', 'ds-b-07', '-P', secret];
    cli = runCli(['start', '--http-port', '0', '--mqtt-port', '0', '--data-dir', dataDir, '--no-sim']);
    http = await cli.read(/API\s+(http:\/\/\S+)\/api\/sites/);
    mqttPort = await cli.read(/MQTT\s+mqtt:\/\/[\d.]+:(\d+)/);
  });
  afterAll(async () => {
    await cli.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a desk change from an outside MQTT client in /live and on the stream within a second, and stores it', async () => {
    const stream = readSse(await fetch(`${http}/api/sites/demo/live/stream`));
    const ts = Date.now();
    const payload = JSON.stringify({ occupied: true, ts, seq: 1 });
    await run(mosquittoPub.found ? mosquittoPub.path : '', [
      ...['-h', '127.0.0.1', '-p', mqttPort, ...sensor, '-q', '1', '-r'],
      ...['-t', 'prossima/v1/demo/desk/b-07/state', '-m', payload],
    ]);
    await waitFor(() => stream.events.some((e) => e.data.includes('"b-07"')), 'the desk on the stream', 1000);
    const live = (await (await fetch(`${http}/api/sites/demo/live`)).json()) as LiveSite;
    expect(live.desks.find((d) => d.id === 'b-07')).toMatchObject({ state: 'occupied', since: ts });
    await stream.close();

    const store = await openSqliteStore({ file: join(dataDir, 'prossima.db') });
    const stored = await waitFor(
      async () => (await store.deskStates({ site: 'demo', desk: 'b-07', from: ts, to: ts + 1 }))[0],
      'the stored record',
    );
    expect(stored).toMatchObject({ occupied: true, zone: 'open-b', floor: 'first', seq: 1 });
    await store.close();
  });

  it('serves the dashboard at /', async () => {
    const page = await fetch(`${http}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });
});

describe('prossima start with the simulator', () => {
  it('plays the demo site at once and stops cleanly and quickly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'prossima-e2e-sim-'));
    const cli = runCli([
      'start',
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
      '--data-dir',
      dataDir,
      '--sim-seed',
      '7',
      // History is cli/sim-history.e2e.test.ts's business; here it would only compete for the CPU.
      '--sim-backfill-days',
      '0',
    ]);
    try {
      const http = await cli.read(/API\s+(http:\/\/\S+)\/api\/sites/);
      const live = await waitFor(async () => {
        const view = (await (await fetch(`${http}/api/sites/demo/live`)).json()) as LiveSite;
        return view.totals.unknown === 0 && view;
      }, 'every desk reported');
      expect(live.totals.occupied + live.totals.free).toBe(40);
    } finally {
      const stopping = Date.now();
      expect(await cli.stop('SIGINT')).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(3000);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses bad configuration with one readable message naming the setting', async () => {
    const cli = runCli(['start', '--http-port', 'eighty', '--store', 'postgres']);
    expect(await cli.exited()).toBe(2);
    expect(cli.stderr()).toContain('Invalid configuration:');
    expect(cli.stderr()).toContain('--http-port / PROSSIMA_HTTP_PORT');
    expect(cli.stderr()).toContain('--store / PROSSIMA_STORE');
  });
});

const influxd = realPart('influxd', 'apt-get install influxdb');

describe.skipIf(!influxd.found)('prossima start on InfluxDB', () => {
  it('stores what a sensor publishes in InfluxDB', async () => {
    const server = await startInfluxd();
    const dataDir = mkdtempSync(join(tmpdir(), 'prossima-e2e-influx-'));
    const door = await addDevice(registryFile(dataDir), {
      role: 'device',
      id: 'dc-main',
      site: 'demo',
      doors: ['main'],
    });
    const cli = runCli(['start', '--http-port', '0', '--mqtt-port', '0', '--no-sim', '--data-dir', dataDir], {
      PROSSIMA_STORE: 'influxdb',
      PROSSIMA_INFLUX_URL: server.url,
      PROSSIMA_INFLUX_DB: 'e2e',
    });
    try {
      const mqttUrl = await cli.read(/MQTT\s+(mqtt:\/\/\S+)/);
      expect(cli.stdout()).toContain(`InfluxDB at ${server.url}`);
      const sensor = await mqtt.connectAsync(mqttUrl, {
        clientId: 'dc-main',
        username: 'dc-main',
        password: door.secret,
      });
      const ts = Date.now();
      await sensor.publishAsync('prossima/v1/demo/door/main/count', JSON.stringify({ in: 3, out: 1, ts }), {
        qos: 1,
      });
      await sensor.endAsync();
      const store = await openInfluxStore({ url: server.url, database: 'e2e' });
      const stored = await waitFor(
        async () => (await store.doorCounts({ site: 'demo', from: ts, to: ts + 1 }))[0],
        'the door count in InfluxDB',
      );
      expect(stored).toEqual({ site: 'demo', door: 'main', floor: 'ground', ts, in: 3, out: 1, seq: null });
      await store.close();
    } finally {
      await cli.stop();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
