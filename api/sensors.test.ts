import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../protocol/index.ts';
import { createSensorHealth } from './sensor-health.ts';
import { deskMessage, inProcessApi, TEN_AM } from './test-harness.ts';

const MIN = 60_000;
const status = (device: string, payload: Message['payload'] & { online: boolean }): Message =>
  ({ kind: 'device-status', site: 'demo', device, payload }) as Message;

describe('sensor health and dead letters', () => {
  let api: Awaited<ReturnType<typeof inProcessApi>>;
  const sensors = createSensorHealth(11 * MIN);
  beforeEach(async () => {
    api = await inProcessApi({ sensors });
    sensors.learn(api.site);
  });
  afterEach(() => api.close());

  const health = async () => {
    const response = await api.app.request('/api/sites/demo/sensors', api.manager);
    expect(response.status).toBe(200);
    return (await response.json()) as { sensors: Array<Record<string, unknown>>; offline: string[] };
  };

  it('shows battery and last seen, and lists sensors silent too long, never heard, or gone', async () => {
    sensors.apply(
      status('ds-a-01', { online: true, battery: 87, rssi: -61, fw: '1.4.2', ts: TEN_AM }),
      TEN_AM,
    );
    sensors.apply(deskMessage('a-02', true, TEN_AM), TEN_AM); // a desk report is its sensor heard
    sensors.apply(status('ds-a-03', { online: true, battery: 12 }), TEN_AM - 30 * MIN); // silent since
    sensors.apply(status('ds-a-04', { online: false }), TEN_AM); // last will
    sensors.apply(status('spare-7', { online: true, battery: 100 }), TEN_AM);
    const view = await health();
    const by = (device: string) => view.sensors.find((s) => s.device === device);
    expect(by('ds-a-01')).toEqual({
      device: 'ds-a-01',
      kind: 'desk',
      place: 'a-01',
      online: true,
      lastSeen: TEN_AM,
      battery: 87,
      rssi: -61,
      fw: '1.4.2',
    });
    expect(by('ds-a-02')).toMatchObject({ online: true, lastSeen: TEN_AM, battery: null });
    expect(by('ds-a-03')).toMatchObject({ online: false, battery: 12, lastSeen: TEN_AM - 30 * MIN });
    expect(by('ds-a-04')).toMatchObject({ online: false });
    expect(by('dc-main')).toMatchObject({ kind: 'door', place: 'main', online: false, lastSeen: null });
    expect(by('spare-7')).toMatchObject({ kind: 'device', place: null, online: true });
    expect(view.offline).toContain('ds-a-03');
    expect(view.offline).toContain('ds-a-04');
    expect(view.offline).not.toContain('ds-a-01');
    expect(view.sensors).toHaveLength(43);
  });

  it('is for managers only', async () => {
    expect((await api.app.request('/api/sites/demo/sensors', api.planner)).status).toBe(403);
    expect((await api.app.request('/api/dead-letters', api.member)).status).toBe(403);
    expect((await api.app.request('/api/sites/nowhere/sensors', api.manager)).status).toBe(404);
  });

  it('serves the dead letters ingest kept, and refuses a bad range with a reason', async () => {
    const letter = {
      ts: TEN_AM - MIN,
      topic: 'prossima/v1/demo/desk/a-01/state',
      reason: 'payload is not valid JSON',
      payload: "{'",
    };
    await api.store.write({ deadLetters: [letter] });
    const ok = await api.app.request('/api/dead-letters', api.manager);
    expect(await ok.json()).toEqual({ letters: [letter] });
    const bad = await api.app.request(`/api/dead-letters?from=${TEN_AM}&to=${TEN_AM - 1}`, api.manager);
    expect(bad.status).toBe(400);
    const hostile = await api.app.request(
      `/api/dead-letters?limit=${encodeURIComponent("1' OR 1=1")}`,
      api.manager,
    );
    expect(hostile.status).toBe(400);
  });
});
