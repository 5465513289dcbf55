import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskId, loadSite } from '../bench/ingest-site.ts';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { deskStateTopic } from '../protocol/index.ts';
import { openSqliteStore, type Store } from '../store/index.ts';

import { waitFor } from './wait-for.ts';

// An ingest worker (a process of its own, test/ingest-child.ts) killed with SIGKILL mid-stream and
// started again: every published event is stored exactly once. The messages carry `seq` but no `ts`,
// the hardest case: ingest stamps them itself, and a copy the broker sends again (its PUBACK died with
// the process) must get the first copy's time. Few desks, so that the queue the broker hands over
// on the restart brings several messages of one desk within a millisecond: each must keep a time
// of its own, or one replaces another in the store.

const DESKS = 50;
const TOTAL = 3000;
const site = loadSite('crash', DESKS);
const CHILD = fileURLToPath(new URL('./ingest-child.ts', import.meta.url));

describe('ingest killed mid-stream', () => {
  let broker: BrokerHandle;
  let dataDir: string;
  let sitesFile: string;
  let sensor: MqttClient;

  beforeAll(async () => {
    broker = await startBroker({
      port: 0,
      allowAnonymous: true,
      limits: { publishRate: 1e6, publishBurst: 1e6 },
    });
    dataDir = mkdtempSync(join(tmpdir(), 'prossima-crash-'));
    sitesFile = join(dataDir, 'crash.json');
    writeFileSync(sitesFile, JSON.stringify(site));
    sensor = await mqtt.connectAsync(broker.url, { clientId: 'crash-sensor' });
  });
  afterAll(async () => {
    await sensor?.endAsync();
    await broker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ingest = async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, JSON.stringify({ mqttUrl: broker.url, dataDir, sitesFile })],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = once(child, 'exit');
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the ingest child exited (${code})`)));
    });
    return {
      stop: async (signal: NodeJS.Signals) => {
        child.kill(signal);
        const [code] = await exited;
        return code as number | null;
      },
    };
  };

  it('stores every event exactly once across a SIGKILL and a restart', async () => {
    let cli = await ingest();
    const store: Store = await openSqliteStore({ file: join(dataDir, 'prossima.db') });
    const rows = async () => store.deskStates({ site: 'crash', from: 0, to: Date.now() + 60_000 });
    const send = (i: number) =>
      sensor.publishAsync(
        deskStateTopic('crash', deskId(i % DESKS)),
        JSON.stringify({ occupied: i % 2 === 0, seq: i }),
        {
          qos: 1,
        },
      );
    const publishing = (async () => {
      for (let i = 0; i < TOTAL; i++) {
        await send(i);
        if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    await waitFor(async () => (await rows()).length >= 800, 'the first 800 stored', 15_000);
    expect(await cli.stop('SIGKILL')).toBe(null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    cli = await ingest();
    await publishing;
    // Copies of messages stored before the crash, as a broker or a device sends them again: the
    // restarted worker rebuilt its memory of them from the log, so they land on their first time.
    for (let i = 0; i < 300; i++) await send(i);
    const missing = async () => {
      const have = new Set((await rows()).map((r) => r.seq));
      return Array.from({ length: TOTAL }, (_, i) => i).filter((i) => !have.has(i));
    };
    await waitFor(async () => (await rows()).length >= TOTAL, 'every event stored', 15_000).catch(
      async (error: Error) => {
        const lost = await missing();
        throw new Error(`${error.message}: ${lost.length} missing, from seq ${lost.slice(0, 10).join(', ')}`);
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late double would show up here
    const stored = await rows();
    const seqs = stored.map((r) => r.seq).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(seqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    await cli.stop('SIGTERM');
    await store.close();
  }, 40_000);
});
