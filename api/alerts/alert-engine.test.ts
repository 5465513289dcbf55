import { describe, expect, it } from 'vitest';
import type { LiveSite } from '../../protocol/index.ts';
import { createLiveState } from '../live-state.ts';
import { demoSite, TEN_AM } from '../test-harness.ts';
import { createAlertEngine } from './alert-engine.ts';

const MIN = 60_000;
const site = demoSite();
const rules = { batteryLowPercent: 20, driftThreshold: 5, afterClosingMs: 60 * MIN };

function setup() {
  let n = 0;
  const engine = createAlertEngine({ rules, newId: () => `alert-${++n}` });
  const state = createLiveState({ sites: [site], offlineAfterMs: 11 * MIN });
  const view = (at: number) => state.view('demo', at) as LiveSite;
  const door = (inCount: number, out: number, ts: number) =>
    state.apply({ kind: 'door-count', site: 'demo', door: 'main', payload: { in: inCount, out, ts } }, ts);
  return { engine, state, view, door };
}

describe('alerts', () => {
  it('raises over-capacity once when the headcount passes the site capacity, and again only after it fell back', () => {
    const { engine, view, door } = setup();
    door(48, 0, TEN_AM);
    expect(engine.check(site, view(TEN_AM), TEN_AM)).toEqual([]);
    door(1, 0, TEN_AM + 1000);
    const raised = engine.check(site, view(TEN_AM + 2000), TEN_AM + 2000);
    expect(raised).toEqual([
      expect.objectContaining({
        id: 'alert-1',
        type: 'over-capacity',
        value: 49,
        threshold: 48,
        subject: { kind: 'site', id: 'demo' },
      }),
    ]);
    expect(engine.check(site, view(TEN_AM + 3000), TEN_AM + 3000)).toEqual([]);
    door(0, 2, TEN_AM + 4000);
    engine.check(site, view(TEN_AM + 5000), TEN_AM + 5000);
    door(2, 0, TEN_AM + 6000);
    expect(engine.check(site, view(TEN_AM + 7000), TEN_AM + 7000)).toMatchObject([
      { id: 'alert-2', type: 'over-capacity' },
    ]);
  });

  it('raises sensor-offline for a desk whose sensor went silent, and battery-low from a status', () => {
    const { engine, state, view } = setup();
    state.apply(
      { kind: 'desk-state', site: 'demo', desk: 'b-02', payload: { occupied: true, ts: TEN_AM } },
      TEN_AM,
    );
    expect(engine.check(site, view(TEN_AM + 12 * MIN), TEN_AM + 12 * MIN)).toMatchObject([
      { type: 'sensor-offline', subject: { kind: 'desk', id: 'b-02' } },
    ]);
    const status = (battery: number) =>
      engine.onMessage(
        { kind: 'device-status', site: 'demo', device: 'ds-b-02', payload: { online: true, battery } },
        TEN_AM,
      );
    expect(status(15)).toMatchObject([
      { type: 'battery-low', value: 15, subject: { kind: 'device', id: 'ds-b-02' } },
    ]);
    expect(status(14)).toEqual([]);
    expect(status(22)).toEqual([]); // not yet 5 points above: still the same low battery
    status(30);
    expect(status(10)).toHaveLength(1);
  });

  it('raises inside-after-closing when people are still counted inside an hour after closing', () => {
    const { engine, view, door } = setup();
    door(9, 1, TEN_AM);
    const closing = Date.UTC(2026, 10, 24, 19, 0); // 20:00 in Rome
    expect(engine.check(site, view(closing + 30 * MIN), closing + 30 * MIN)).toEqual([]);
    expect(engine.check(site, view(closing + 61 * MIN), closing + 61 * MIN)).toMatchObject([
      { type: 'inside-after-closing', value: 8, threshold: 5 },
    ]);
    expect(engine.check(site, view(closing + 90 * MIN), closing + 90 * MIN)).toEqual([]);
  });

  it('raises door-drift when a day ends with in − out beyond the threshold', () => {
    const { engine, view, door } = setup();
    door(3, 10, TEN_AM);
    engine.check(site, view(TEN_AM), TEN_AM);
    const nextDay = Date.UTC(2026, 10, 25, 3, 0) + MIN; // past the 04:00 reset
    expect(engine.check(site, view(nextDay), nextDay)).toMatchObject([
      {
        type: 'door-drift',
        value: -7,
        message: 'door counts drifted by -7 people over the day (in 3, out 10)',
      },
    ]);
  });
});
