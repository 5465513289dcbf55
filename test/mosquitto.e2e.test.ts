import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start as startSim } from '../firmware-sim/index.ts';
import { start as startIngest } from '../ingest/index.ts';
import { DEMO_SITE_FILE, deskStateTopic, loadSites, type Site } from '../protocol/index.ts';
import { openSqliteStore } from '../store/index.ts';
import { realPart } from './real-parts.ts';
import { type ServerHandle, startMosquitto } from './server-process.ts';
import { waitFor } from './wait-for.ts';

// Every component takes an MQTT URL, so Debian's Mosquitto can replace the embedded broker: the
// simulator publishes to it and ingest stores what it hears, with nothing of ours in between.

const mosquitto = realPart('mosquitto', 'apt-get install mosquitto');

describe.skipIf(!mosquitto.found)('ingest and the simulator on Debian Mosquitto', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prossima-mosquitto-'));
  let server: ServerHandle;
  let sites: Site[];
  beforeAll(async () => {
    server = await startMosquitto(mosquitto.found ? mosquitto.path : '');
    sites = await loadSites([DEMO_SITE_FILE]);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every simulated desk through Mosquitto', async () => {
    const store = await openSqliteStore({ file: join(dir, 'prossima.db') });
    const ingest = await startIngest({ mqttUrl: server.url, sites, store, walDir: join(dir, 'wal') });
    const from = Date.now();
    const sim = await startSim({ mqttUrl: server.url, sites, seed: 3 });
    try {
      expect(sim.devices).toBe(42);
      await waitFor(
        async () => {
          await ingest.flush();
          const states = await store.deskStates({ site: 'demo', from, to: Date.now() + 60_000 });
          return new Set(states.map((s) => s.desk)).size === 40;
        },
        'a state for each of the 40 desks in the store',
        10_000,
      );
      expect(sim.stats().failed).toBe(0);
    } finally {
      await sim.close();
      await ingest.close();
      await store.close();
    }
  });

  // Mosquitto lets through messages of up to 256 MB, where the embedded broker stops at 16 KiB.
  it('sets aside a payload of 17 MiB with its size, and stores the messages after it', async () => {
    const store = await openSqliteStore({ file: join(dir, 'huge.db') });
    const ingest = await startIngest({
      mqttUrl: server.url,
      sites,
      store,
      clientId: 'huge-ingest',
      walDir: join(dir, 'wal-huge'),
    });
    const sensor = await mqtt.connectAsync(server.url, { clientId: 'huge-sensor' });
    const from = Date.now();
    try {
      const topic = deskStateTopic('demo', 'a-02');
      await sensor.publishAsync(topic, JSON.stringify({ occupied: true, ts: from }), { qos: 1 });
      await sensor.publishAsync(topic, Buffer.alloc(17 * 1024 * 1024, 'x'), { qos: 1 });
      await sensor.publishAsync(topic, JSON.stringify({ occupied: false, ts: from + 1 }), { qos: 1 });
      // The first test's devices left retained messages, which ingest receives too.
      const states = () => store.deskStates({ site: 'demo', desk: 'a-02', from, to: from + 10 });
      await waitFor(
        async () => {
          await ingest.flush();
          return (await states()).length === 2;
        },
        'the states before and after it',
        10_000,
      );
      expect((await states()).map((s) => s.occupied)).toEqual([true, false]);
      const letters = await store.deadLetters({ from: from - 60_000, to: Date.now() + 60_000 });
      const letter = letters.find((l) => l.topic === topic);
      expect(letter?.reason).toBe(`payload too large: ${17 * 1024 * 1024} bytes (max 4096)`);
      expect(letter?.payload).toMatch(/^x{8192}… \[cut: 17825792 bytes in all\]$/);
    } finally {
      await sensor.endAsync();
      await ingest.close();
      await store.close();
    }
  });
});
