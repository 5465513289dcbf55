import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start as startSim } from '../firmware-sim/index.ts';
import { start as startIngest } from '../ingest/index.ts';
import { DEMO_SITE_FILE, loadSites, type Site } from '../protocol/index.ts';
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
});
