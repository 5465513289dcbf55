import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import {
  DEMO_SITE_FILE,
  deskStateTopic,
  doorCountTopic,
  type LiveSite,
  parseSite,
} from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { readSse } from '../test/sse-reader.ts';
import { waitFor } from '../test/wait-for.ts';
import { type ApiHandle, start } from './index.ts';
import { siteFor } from './role-views.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));

describe('api over a real broker', () => {
  let broker: BrokerHandle;
  let store: Store;
  let api: ApiHandle;
  let sensor: MqttClient;
  const live = async () => (await (await fetch(`${api.url}/api/sites/demo/live`)).json()) as LiveSite;

  beforeAll(async () => {
    broker = await startBroker({ port: 0, allowAnonymous: true });
    store = await openSqliteStore({ file: ':memory:' });
    // Stored door counts from earlier today: a restarted API must not forget them.
    await store.write({
      doorCounts: [
        { site: 'demo', door: 'main', floor: 'ground', ts: Date.now() - 1000, in: 2, out: 0, seq: 1 },
      ],
    });
    sensor = await mqtt.connectAsync(broker.url);
    // A retained state published before the API starts is what the API shows at once.
    await sensor.publishAsync(deskStateTopic('demo', 'a-05'), JSON.stringify({ occupied: true }), {
      qos: 1,
      retain: true,
    });
    const assets = new Map([
      ['/index.html', { body: new TextEncoder().encode('<h1>map</h1>'), contentType: 'text/html' }],
    ]);
    api = await start({ port: 0, mqttUrl: broker.url, sites: [site], store, assets });
  });
  afterAll(async () => {
    await sensor.endAsync();
    await api.close();
    await broker.close();
    await store.close();
  });

  it('lists sites and serves a site model', async () => {
    const sites = await (await fetch(`${api.url}/api/sites`)).json();
    expect(sites).toEqual({ sites: [{ id: 'demo', name: site.name, timezone: 'Europe/Rome' }] });
    // Anonymous on the local network is a member: the model without device ids.
    const model = await (await fetch(`${api.url}/api/sites/demo`)).json();
    expect(model).toEqual(siteFor('member', site));
    expect(JSON.stringify(model)).not.toMatch(/"(sensor|counter)"/);
  });

  it('shows retained states at once and counts today’s stored door reports', async () => {
    const view = await waitFor(async () => {
      const v = await live();
      return v.desks.find((d) => d.id === 'a-05')?.state === 'occupied' && v;
    }, 'retained desk state');
    expect(view.headcount).toMatchObject({ count: 2, in: 2, out: 0 });
  });

  it('streams a desk change and a door count as they are published, and shows them in /live', async () => {
    const response = await fetch(`${api.url}/api/sites/demo/live/stream`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readSse(response);
    const published = Date.now();
    await sensor.publishAsync(
      deskStateTopic('demo', 'b-03'),
      JSON.stringify({ occupied: true, ts: published }),
      { qos: 1 },
    );
    await sensor.publishAsync(
      doorCountTopic('demo', 'garden'),
      JSON.stringify({ in: 1, out: 0, ts: published }),
      { qos: 1 },
    );
    await waitFor(() => stream.events.length >= 2, 'two events', 1000);
    expect(stream.events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      [
        'desk',
        {
          kind: 'desk',
          site: 'demo',
          desk: expect.objectContaining({ id: 'b-03', state: 'occupied', since: published }),
        },
      ],
      ['headcount', { kind: 'headcount', site: 'demo', headcount: expect.objectContaining({ count: 3 }) }],
    ]);
    expect((await live()).desks.find((d) => d.id === 'b-03')?.state).toBe('occupied');

    // A client that reconnects with the last id it saw gets what it missed, and nothing twice.
    const lastId = stream.events[0]?.id ?? '';
    await stream.close();
    const resumed = readSse(
      await fetch(`${api.url}/api/sites/demo/live/stream`, { headers: { 'Last-Event-ID': lastId } }),
    );
    await waitFor(() => resumed.events.length >= 1, 'the missed event', 1000);
    expect(resumed.events.map((e) => e.event)).toEqual(['headcount']);
    await resumed.close();
  });

  it('answers bad input with a reason: 400 for a malformed id, 404 for an unknown one', async () => {
    const bad = await fetch(`${api.url}/api/sites/${encodeURIComponent("x' OR '1'='1")}/live`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        status: 400,
        message: 'site: must match [a-z0-9][a-z0-9-]{0,63} (lower-case letters, digits and dashes)',
      },
    });
    const unknown = await fetch(`${api.url}/api/sites/nowhere/live`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { status: 404, message: 'no site "nowhere"' } });
    expect((await fetch(`${api.url}/api/nothing`)).status).toBe(404);
  });

  it('reports its health and serves the dashboard page', async () => {
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'ok', mqtt: 'ok' });
    const page = await fetch(`${api.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect(await page.text()).toBe('<h1>map</h1>');
  });
});
