import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice, type BrokerHandle, revokeDevice, rotateDevice, start } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'prossima-broker-'));
const registryFile = join(dir, 'devices.json');
const clients: MqttClient[] = [];
let broker: BrokerHandle;
let device: { id: string; secret: string };
let door: { id: string; secret: string };

const DESK = 'prossima/v1/demo/desk/a-01/state';
const STATUS = 'prossima/v1/demo/device/ds-a-01/status';
const READER = { username: 'ingest', password: 'reader-secret' };

async function client(options: IClientOptions, url = broker.url): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 3000, ...options });
  clients.push(c);
  return c;
}
function refusal(options: IClientOptions): Promise<string> {
  return client(options).then(
    () => 'connected',
    (error: Error) => error.message,
  );
}
const asDevice = (extra: IClientOptions = {}) =>
  client({ clientId: device.id, username: device.id, password: device.secret, ...extra });
const closed = (c: MqttClient) =>
  new Promise<void>((resolve) => (c.connected ? c.once('close', () => resolve()) : resolve()));
const messages = (c: MqttClient) => {
  const got: Array<{ topic: string; payload: string; retain: boolean; qos: number }> = [];
  c.on('message', (topic, payload, packet) =>
    got.push({ topic, payload: payload.toString(), retain: packet.retain, qos: packet.qos }),
  );
  return got;
};
async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  const a = await addDevice(registryFile, { role: 'device', id: 'ds-a-01', site: 'demo', desks: ['a-01'] });
  const b = await addDevice(registryFile, { role: 'device', id: 'dc-main', site: 'demo', doors: ['main'] });
  device = { id: 'ds-a-01', secret: a.secret };
  door = { id: 'dc-main', secret: b.secret };
  broker = await start({
    port: 0,
    registryFile,
    registryPollMs: 200,
    services: [{ ...{ username: READER.username, secret: READER.password }, role: 'reader' }],
    limits: { maxPayloadBytes: 1024, publishRate: 5, publishBurst: 10 },
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await broker.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('logins', () => {
  it('accepts a registered device and a service account', async () => {
    expect((await asDevice()).connected).toBe(true);
    expect((await client({ ...READER, clientId: 'prossima-ingest-t1' })).connected).toBe(true);
  });

  it('refuses anonymous clients, unknown users, wrong secrets and borrowed client ids', async () => {
    expect(await refusal({})).toMatch(/Not authorized/);
    expect(await refusal({ username: 'nobody', password: 'x' })).toMatch(/Bad username or password/);
    expect(await refusal({ clientId: device.id, username: device.id, password: 'wrong' })).toMatch(
      /Bad username or password/,
    );
    expect(await refusal({ clientId: 'other', username: device.id, password: device.secret })).toMatch(
      /Identifier rejected/,
    );
    expect(await refusal({ ...READER, clientId: device.id })).toMatch(/Identifier rejected/);
    const denied = (await broker.metrics()).denied.connect;
    expect(denied).toMatchObject({ anonymous: 1, 'bad-credentials': 2, 'client-id': 2 });
  });

  it('refuses a will the device could not publish itself', async () => {
    const will = {
      topic: 'prossima/v1/demo/device/ds-a-02/status',
      payload: Buffer.from('{"online":false}'),
      qos: 1 as const,
      retain: true,
    };
    expect(
      await refusal({ clientId: device.id, username: device.id, password: device.secret, will }),
    ).toMatch(/Not authorized/);
  });
});

describe('access control', () => {
  it('disconnects a device publishing for a desk that is not its own', async () => {
    const sensor = await asDevice();
    const gone = closed(sensor);
    sensor.publish('prossima/v1/demo/desk/a-02/state', '{"occupied":true}', { qos: 1 });
    await gone;
    expect((await broker.metrics()).denied.publish.acl).toBeGreaterThanOrEqual(1);
  });

  it('disconnects a device publishing another device status, a door count it does not own, or a reader publishing', async () => {
    for (const [options, topic] of [
      [
        { clientId: device.id, username: device.id, password: device.secret },
        'prossima/v1/demo/device/dc-main/status',
      ],
      [{ clientId: door.id, username: door.id, password: door.secret }, 'prossima/v1/demo/door/garden/count'],
      [{ ...READER, clientId: 'prossima-ingest-t2' }, DESK], // a reader forging data
    ] as const) {
      const c = await client(options);
      const gone = closed(c);
      c.publish(topic, '{}', { qos: 1 });
      await gone;
    }
  });

  it('grants no subscription to a device, and a reader only under prossima/v1/', async () => {
    // SUBACK 0x80 for a refused filter, which MQTT.js reports as an error with that code.
    const granted = (c: MqttClient, filter: string) =>
      c.subscribeAsync(filter, { qos: 1 }).then(
        (g) => g[0]?.qos,
        (error: Error & { packet?: { granted: number[] } }) => error.packet?.granted[0],
      );
    const sensor = await asDevice();
    expect(await granted(sensor, 'prossima/v1/demo/#')).toBe(128);
    const reader = await client({ ...READER, clientId: 'prossima-ingest-t3' });
    expect(await granted(reader, '#')).toBe(128);
    expect(await granted(reader, 'prossima/v1/+/#')).toBe(1);
    expect((await broker.metrics()).denied.subscribe.acl).toBe(2);
  });
});

describe('MQTT behaviour', () => {
  it('delivers retained desk states to a reader subscribing later', async () => {
    const sensor = await asDevice();
    await sensor.publishAsync(DESK, '{"occupied":true}', { qos: 1, retain: true });
    const reader = await client({ ...READER, clientId: 'prossima-ingest-t4' });
    const got = messages(reader);
    await reader.subscribeAsync('prossima/v1/demo/desk/+/state', { qos: 1 });
    await until(() => got.length > 0, 'the retained state');
    expect(got[0]).toMatchObject({ topic: DESK, payload: '{"occupied":true}', retain: true, qos: 1 });
  });

  it('publishes the last will when a device drops off without DISCONNECT', async () => {
    const reader = await client({ ...READER, clientId: 'prossima-ingest-t5' });
    const got = messages(reader);
    await reader.subscribeAsync(STATUS, { qos: 1 });
    const sensor = await asDevice({
      will: { topic: STATUS, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
    });
    (sensor.stream as unknown as { destroy(): void }).destroy();
    await until(() => got.some((m) => m.payload === '{"online":false}'), 'the last will');
  });

  it('keeps a persistent session: messages published while the reader is away arrive when it returns', async () => {
    const options = { ...READER, clientId: 'prossima-ingest-persist', clean: false };
    const first = await client(options);
    await first.subscribeAsync('prossima/v1/demo/#', { qos: 1 });
    await first.endAsync();
    const sensor = await asDevice();
    await sensor.publishAsync(DESK, '{"occupied":false,"seq":7}', { qos: 1 });
    await until(() => true, '');
    const queued = await broker.metrics();
    expect(queued.queued).toBe(1);
    const back = mqtt.connect(broker.url, { ...options, reconnectPeriod: 0 });
    clients.push(back);
    const got = messages(back);
    await until(() => got.some((m) => m.payload.includes('"seq":7')), 'the queued message');
    expect((await broker.metrics()).queued).toBe(0);
  });
});

describe('limits', () => {
  it('disconnects a client sending an oversized payload, and nobody else', async () => {
    const bystander = await client({ ...READER, clientId: 'prossima-ingest-t6' });
    const sensor = await asDevice();
    const gone = closed(sensor);
    sensor.publish(DESK, Buffer.alloc(2000, 'x'), { qos: 1 });
    await gone;
    expect(bystander.connected).toBe(true);
    expect((await broker.metrics()).dropped['payload-too-large']).toBe(1);
  });

  it('closes the socket of a client announcing a huge packet before reading it', async () => {
    const socket = connectTcp(broker.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f])); // PUBLISH of 256 MB
    await new Promise((resolve) => socket.once('close', resolve));
    expect((await broker.metrics()).dropped['packet-too-large']).toBe(1);
  });

  it('closes only the socket that sends garbage', async () => {
    const bystander = await asDevice();
    const socket = connectTcp(broker.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(bystander.connected).toBe(true);
    await bystander.publishAsync(DESK, '{"occupied":true}', { qos: 1 });
  });

  it('disconnects a device publishing faster than its rate', async () => {
    const sensor = await asDevice();
    const gone = closed(sensor);
    for (let i = 0; i < 20; i++) sensor.publish(DESK, '{"occupied":true}', { qos: 0 });
    await gone;
    expect((await broker.metrics()).dropped['rate-limit']).toBe(1);
  });
});

describe('revocation and rotation', () => {
  it('disconnects a revoked device at once, and refuses it after', async () => {
    const sensor = await client({ clientId: door.id, username: door.id, password: door.secret });
    const gone = closed(sensor);
    const revoked = Date.now();
    await revokeDevice(registryFile, door.id);
    await gone;
    expect(Date.now() - revoked).toBeLessThan(1000);
    expect(await refusal({ clientId: door.id, username: door.id, password: door.secret })).toMatch(
      /Bad username/,
    );
  });

  it('disconnects a device whose secret is rotated; the new secret works', async () => {
    const sensor = await asDevice();
    const gone = closed(sensor);
    const { secret } = await rotateDevice(registryFile, device.id);
    await gone;
    device = { ...device, secret };
    expect((await asDevice()).connected).toBe(true);
  });
});

describe('metrics', () => {
  it('counts clients, messages, bytes and retained messages, and speaks Prometheus', async () => {
    const m = await broker.metrics();
    expect(m.clients).toBeGreaterThan(0);
    expect(m.messagesIn).toBeGreaterThan(0);
    expect(m.messagesOut).toBeGreaterThan(0);
    expect(m.bytesIn).toBeGreaterThan(0);
    expect(m.retained).toBeGreaterThanOrEqual(2);
    const text = await broker.metricsText();
    expect(text).toContain('# TYPE prossima_broker_clients gauge');
    expect(text).toMatch(/prossima_broker_denied_total\{action="connect",reason="anonymous"\} 1/);
  });
});
