import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realPart } from '../test/real-parts.ts';
import { type ServerHandle, startRedis } from '../test/server-process.ts';
import { addDevice, registryFile } from './index.ts';

const BROKER_CHILD = fileURLToPath(new URL('../test/broker-child.ts', import.meta.url));

// Two real `prossima broker` processes on one redis-server, as behind a TCP load balancer: they share
// fan-out, retained messages and persistent sessions. Both read the same registry (a shared data folder).

const redisServer = realPart('redis-server', 'apt-get install redis-server');

describe.skipIf(!redisServer.found)('two broker processes on one Redis', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'prossima-redis-'));
  const clients: MqttClient[] = [];
  const brokers: Array<{ url: string; stop(): Promise<void> }> = [];
  let redis: ServerHandle;
  let sensor: IClientOptions;
  let readerSecret = '';
  const reader = (clientId: string, clean = true): IClientOptions => ({
    clientId,
    clean,
    username: 'ingest',
    password: readerSecret,
  });
  const startBroker = async () => {
    const options = { port: 0, registryFile: registryFile(dataDir), redisUrl: redis.url };
    const child = spawn(process.execPath, ['--import', 'tsx', BROKER_CHILD, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    };
    const broker = { url: '', stop };
    brokers.push(broker);
    broker.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const url = /MQTT (\S+)/.exec(out)?.[1];
        if (url) resolve(url);
      });
      void exited.then(() => reject(new Error(`broker exited: ${out}`)));
    });
    return broker;
  };
  const connect = async (url: string, options: IClientOptions) => {
    const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...options });
    clients.push(c);
    return c;
  };
  const nextMessage = (c: MqttClient) =>
    new Promise<{ topic: string; payload: string; retain: boolean }>((resolve) =>
      c.once('message', (topic, payload, packet) =>
        resolve({ topic, payload: payload.toString(), retain: packet.retain }),
      ),
    );

  beforeAll(async () => {
    redis = await startRedis(redisServer.found ? redisServer.path : '');
    const file = registryFile(dataDir);
    const device = await addDevice(file, { role: 'device', id: 'ds-a-01', site: 'demo', desks: ['a-01'] });
    sensor = { clientId: 'ds-a-01', username: 'ds-a-01', password: device.secret };
    const ingest = await addDevice(file, { role: 'reader', id: 'ingest' });
    readerSecret = ingest.secret;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await Promise.all(brokers.map((b) => b.stop()));
    await redis?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries a message published on one broker to a subscriber of the other, and shares retained messages', async () => {
    const [a, b] = (await Promise.all([startBroker(), startBroker()])).map((x) => x.url) as [string, string];
    const subscriber = await connect(b, reader('prossima-api-1'));
    await subscriber.subscribeAsync('prossima/v1/demo/#', { qos: 1 });
    const arriving = nextMessage(subscriber);
    const publisher = await connect(a, sensor);
    await publisher.publishAsync('prossima/v1/demo/desk/a-01/state', '{"occupied":true}', {
      qos: 1,
      retain: true,
    });
    expect(await arriving).toMatchObject({
      topic: 'prossima/v1/demo/desk/a-01/state',
      payload: '{"occupied":true}',
    });
    const late = await connect(b, reader('prossima-api-2'));
    const retained = nextMessage(late);
    await late.subscribeAsync('prossima/v1/demo/desk/+/state', { qos: 1 });
    expect(await retained).toMatchObject({ payload: '{"occupied":true}', retain: true });
    await publisher.endAsync();
  });

  it('keeps a persistent session through a broker restart, with a message queued by another broker', async () => {
    const a = await startBroker();
    const first = await connect(a.url, reader('prossima-ingest', false));
    await first.subscribeAsync('prossima/v1/demo/#', { qos: 1 });
    await first.endAsync();
    await a.stop();
    // Another broker, started now, learns the session from Redis and queues for it.
    const b = await startBroker();
    // aedes acknowledges a QoS 1 publish before it queues it for offline sessions, and hands it to live
    // subscribers after: a live subscriber on the same broker getting it says the queueing is done.
    const watcher = await connect(b.url, reader('prossima-api-watch'));
    await watcher.subscribeAsync('prossima/v1/demo/desk/a-01/state', { qos: 1 });
    const passed = new Promise<void>((resolve) =>
      watcher.on('message', (_t, payload) => payload.toString().includes('"seq":42') && resolve()),
    );
    const publisher = await connect(b.url, sensor);
    await publisher.publishAsync('prossima/v1/demo/desk/a-01/state', '{"occupied":false,"seq":42}', {
      qos: 1,
    });
    await passed;
    const restarted = await startBroker();
    const back = mqtt.connect(restarted.url, { ...reader('prossima-ingest', false), reconnectPeriod: 0 });
    clients.push(back);
    const session = new Promise<boolean>((resolve) =>
      back.once('connect', (connack) => resolve(connack.sessionPresent)),
    );
    const queued = await new Promise<string>((resolve) =>
      back.on(
        'message',
        (_t, payload) => payload.toString().includes('"seq":42') && resolve(payload.toString()),
      ),
    );
    expect(await session).toBe(true);
    expect(queued).toBe('{"occupied":false,"seq":42}');
  }, 30_000);
});
