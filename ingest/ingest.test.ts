import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import { DEMO_SITE_FILE, deskStateTopic, doorCountTopic, parseSite } from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { waitFor } from '../test/wait-for.ts';
import { type IngestHandle, start } from './index.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const T = Date.now() - 60_000;
const range = { site: 'demo', from: T - 3_600_000, to: T + 3_600_000 };

describe('ingest', () => {
  let broker: BrokerHandle;
  let store: Store;
  let ingest: IngestHandle;
  let sensor: MqttClient;

  beforeEach(async () => {
    broker = await startBroker({ port: 0 });
    store = await openSqliteStore({ file: ':memory:' });
    ingest = await start({ mqttUrl: broker.url, sites: [site], store, clientId: `ingest-${Math.random()}` });
    sensor = await mqtt.connectAsync(broker.url, { clientId: 'test-sensor' });
  });
  afterEach(async () => {
    await sensor.endAsync();
    await ingest.close();
    await broker.close();
    await store.close();
  });

  const publish = (topic: string, payload: unknown) =>
    sensor.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });

  it('stores desk states with their floor and zone, and door counts', async () => {
    await publish(deskStateTopic('demo', 'a-01'), { occupied: true, ts: T, seq: 1 });
    await publish(doorCountTopic('demo', 'main'), { in: 3, out: 1, ts: T });
    await waitFor(() => ingest.stats().received === 2, 'two messages');
    await ingest.flush();
    expect(await store.deskStates(range)).toEqual([
      { site: 'demo', desk: 'a-01', floor: 'ground', zone: 'open-a', ts: T, occupied: true, seq: 1 },
    ]);
    expect(await store.doorCounts(range)).toEqual([
      { site: 'demo', door: 'main', floor: 'ground', ts: T, in: 3, out: 1, seq: null },
    ]);
  });

  it('sets bad messages aside with their reason and keeps storing the good ones behind them', async () => {
    const bad: Array<[string, string]> = [
      [deskStateTopic('demo', 'a-01'), 'not json'],
      [deskStateTopic('demo', 'a-01'), '{"occupied":"yes"}'],
      [deskStateTopic('demo', 'nope'), '{"occupied":true}'],
      [deskStateTopic('elsewhere', 'a-01'), '{"occupied":true}'],
      [doorCountTopic('demo', 'main'), '{"in":-1,"out":0}'],
      [deskStateTopic('demo', 'a-01'), JSON.stringify({ occupied: true, ts: Date.now() + 86_400_000 })],
      ['prossima/v1/demo/desk/a-01/colour', '{}'],
    ];
    for (const [topic, payload] of bad) await publish(topic, payload);
    await publish(deskStateTopic('demo', 'a-02'), { occupied: true, ts: T });
    await waitFor(() => ingest.stats().received === bad.length + 1, 'all messages');
    await ingest.flush();
    expect(ingest.stats()).toMatchObject({ deadLettered: bad.length, accepted: 1 });
    expect((await store.deskStates(range)).map((r) => r.desk)).toEqual(['a-02']);
    const letters = await store.deadLetters({ from: 0, to: Date.now() + 1000 });
    expect(letters.map((l) => l.reason)).toEqual([
      'payload is not valid JSON',
      'occupied: Invalid input: expected boolean, received string',
      'unknown desk "nope" in site "demo"',
      'unknown site "elsewhere"',
      'in: Too small: expected number to be >=0',
      expect.stringMatching(/too far in the future/),
      'unknown topic: prossima/v1/demo/desk/a-01/colour',
    ]);
    expect(letters[0]?.payload).toBe('not json');
  });

  it('counts a duplicated report once', async () => {
    for (let i = 0; i < 3; i++)
      await publish(doorCountTopic('demo', 'main'), { in: 2, out: 0, ts: T, seq: 9 });
    await waitFor(() => ingest.stats().received === 3, 'three messages');
    await ingest.flush();
    const counts = await store.doorCounts(range);
    expect(counts.reduce((sum, r) => sum + r.in, 0)).toBe(2);
  });

  it('receives what was published while it was down (persistent session)', async () => {
    await ingest.close();
    await publish(deskStateTopic('demo', 'b-01'), { occupied: true, ts: T + 1 });
    await publish(doorCountTopic('demo', 'garden'), { in: 1, out: 0, ts: T + 2 });
    ingest = await start({ mqttUrl: broker.url, sites: [site], store, clientId: 'ingest-persistent' });
    await ingest.close();
    await publish(doorCountTopic('demo', 'garden'), { in: 4, out: 0, ts: T + 3 });
    ingest = await start({ mqttUrl: broker.url, sites: [site], store, clientId: 'ingest-persistent' });
    await waitFor(() => ingest.stats().received >= 1, 'the queued message');
    await ingest.flush();
    expect((await store.doorCounts(range)).map((r) => r.in)).toEqual([4]);
  });
});
