import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHandle, createTokenStore, start } from '../api/index.ts';
import { type BrokerHandle, start as startBroker } from '../broker/index.ts';
import {
  DEMO_SITE_FILE,
  deskStateTopic,
  type LiveSite,
  loadSites,
  type Site,
  siteModelTopic,
} from '../protocol/index.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { waitFor } from './wait-for.ts';

describe('site configuration through the API', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'prossima-sites-'));
  let broker: BrokerHandle;
  let store: Store;
  let api: ApiHandle;
  let demo: Site;
  const auth = { Authorization: `Bearer ${createTokenStore({ dataDir }).add('manager').token}` };
  const put = (id: string, body: unknown) =>
    fetch(`${api.url}/api/sites/${id}`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...auth },
    });

  beforeAll(async () => {
    broker = await startBroker({ port: 0, allowAnonymous: true });
    store = await openSqliteStore({ file: ':memory:' });
    [demo] = (await loadSites([DEMO_SITE_FILE])) as [Site];
    api = await start({ port: 0, mqttUrl: broker.url, sites: [demo], store, dataDir });
  });
  afterAll(async () => {
    await api.close();
    await broker.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('validates, keeps, applies live and publishes an edited site; a restart keeps it', async () => {
    const bad = await put('demo', { ...demo, capacity: -1 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { status: 400, message: 'capacity: Too small: expected number to be >0' },
    });
    expect((await put('other', demo)).status).toBe(400);

    // Move desk a-01 and add a new desk z-01 to the first zone.
    const [ground, ...floors] = demo.floors;
    const [zone, ...zones] = ground?.zones ?? [];
    if (!ground || !zone) throw new Error('demo site has no first zone');
    const desks = zone.desks.map((d) => (d.id === 'a-01' ? { ...d, x: 111 } : d));
    const edited: Site = {
      ...demo,
      floors: [
        {
          ...ground,
          zones: [{ ...zone, desks: [...desks, { id: 'z-01', label: 'Z1', x: 5, y: 5 }] }, ...zones],
        },
        ...floors,
      ],
    };
    const watcher = await mqtt.connectAsync(broker.url);
    const published: string[] = [];
    watcher.on('message', (_topic, payload) => published.push(payload.toString()));
    const response = await put('demo', edited);
    expect(response.status).toBe(200);

    const saved = JSON.parse(readFileSync(join(dataDir, 'sites', 'demo.json'), 'utf8'));
    expect(saved.floors[0].zones[0].desks.find((d: { id: string }) => d.id === 'a-01').x).toBe(111);
    await watcher.subscribeAsync(siteModelTopic('demo'), { qos: 1 });
    await waitFor(() => published.length > 0, 'the retained site model');
    expect(JSON.parse(published[0] ?? '')).toEqual(edited);
    await watcher.endAsync();

    const sensor = await mqtt.connectAsync(broker.url);
    await sensor.publishAsync(deskStateTopic('demo', 'z-01'), JSON.stringify({ occupied: true }), { qos: 1 });
    await sensor.endAsync();
    const live = await waitFor(async () => {
      const view = (await (await fetch(`${api.url}/api/sites/demo/live`)).json()) as LiveSite;
      return view.desks.find((d) => d.id === 'z-01')?.state === 'occupied' && view;
    }, 'the new desk live');
    expect(live.totals.desks).toBe(41);

    await api.close();
    api = await start({ port: 0, mqttUrl: broker.url, sites: [demo], store, dataDir });
    const model = (await (await fetch(`${api.url}/api/sites/demo`, { headers: auth })).json()) as Site;
    expect(model.floors[0]?.zones[0]?.desks.some((d) => d.id === 'z-01')).toBe(true);
  });

  it('creates a new site (201) that is live at once', async () => {
    const created = await put('annex', { ...demo, id: 'annex', name: 'Annex' });
    expect(created.status).toBe(201);
    expect((await fetch(`${api.url}/api/sites/annex/live`)).status).toBe(200);
  });
});
