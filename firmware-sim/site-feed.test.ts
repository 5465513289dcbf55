import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, decodeMessage, loadSites, type Message } from '../protocol/index.ts';
import { createOccupancyModel } from './occupancy-model.ts';
import { createSiteFeed, type Outbound } from './site-feed.ts';

const [demo] = await loadSites([DEMO_SITE_FILE]);
if (!demo) throw new Error('demo site missing');
const site = demo;
const MINUTE = 60_000;
const WED = Date.UTC(2025, 2, 11, 23); // Wednesday 00:00 in Rome
const at = (hh: number, mm = 0) => WED + (hh * 60 + mm) * MINUTE;

function feedFrom(start: number, seed = 1) {
  const model = createOccupancyModel({ site, seed, start });
  const feed = createSiteFeed({ site, model, seed, start, heartbeatMs: 300_000, doorReportMs: 60_000 });
  return { model, feed };
}

function decode(out: Outbound): Message {
  const decoded = decodeMessage(out.topic, Buffer.from(out.payload));
  if (!decoded.ok) throw new Error(`${out.topic}: ${decoded.reason}`);
  return decoded.message;
}

describe('site feed', () => {
  it('starts with a retained status from every device and a retained state for every desk', () => {
    const { feed } = feedFrom(at(10, 30));
    const initial = feed.initial();
    const messages = initial.map(decode);
    expect(feed.devices).toHaveLength(42);
    expect(messages.filter((m) => m.kind === 'device-status')).toHaveLength(42);
    expect(new Set(messages.filter((m) => m.kind === 'desk-state').map((m) => m.desk)).size).toBe(40);
    expect(initial.every((o) => o.retain && o.at === at(10, 30))).toBe(true);
    for (const m of messages) {
      if (m.kind === 'device-status')
        expect(m.payload).toMatchObject({ online: true, fw: expect.any(String) });
    }
  });

  it('names devices after the site model: desk.sensor and door.counter', () => {
    const { feed } = feedFrom(WED);
    expect(feed.devices.map((d) => d.id)).toContain('ds-a-01');
    expect(feed.devices.find((d) => d.kind === 'door' && d.target === 'main')?.id).toBe('dc-main');
  });

  it('reports every door on its interval, zeros included, and heartbeats every device', () => {
    const { feed } = feedFrom(at(2));
    feed.initial();
    const hour = feed.advance(at(3)).map(decode);
    const counts = hour.filter((m) => m.kind === 'door-count');
    expect(counts.filter((m) => m.door === 'main')).toHaveLength(60);
    expect(counts.every((m) => m.payload.in === 0 && m.payload.out === 0)).toBe(true);
    const statuses = hour.filter((m) => m.kind === 'device-status');
    expect(statuses.filter((m) => m.device === 'ds-a-01')).toHaveLength(12);
    expect(statuses).toHaveLength(42 * 12);
    expect(hour.filter((m) => m.kind === 'desk-state')).toHaveLength(40 * 12);
  });

  it('sends desk states on change with a per-device seq and timestamps in order', () => {
    const { model, feed } = feedFrom(at(7));
    const out = [...feed.initial(), ...feed.advance(at(12))].filter((o) => !o.topic.endsWith('/status'));
    const last = new Map<string, { seq: number; ts: number; occupied?: boolean }>();
    const disorder: string[] = [];
    for (const message of out.map(decode)) {
      if (message.kind === 'device-status') continue;
      const key = message.kind === 'desk-state' ? message.desk : message.door;
      const previous = last.get(key);
      const { seq = -1, ts = 0 } = message.payload;
      if (previous && (seq !== previous.seq + 1 || ts < previous.ts))
        disorder.push(`${key} seq ${seq} ts ${ts}`);
      last.set(key, {
        seq,
        ts,
        ...(message.kind === 'desk-state' ? { occupied: message.payload.occupied } : {}),
      });
    }
    expect(disorder).toEqual([]);
    for (const [desk, occupied] of model.occupancy()) expect(last.get(desk)?.occupied).toBe(occupied);
    expect(feed.totals().deskChanges).toBeGreaterThan(40);
  });

  it('reports every person through a door exactly once', () => {
    const { feed } = feedFrom(WED);
    const counts = [...feed.initial(), ...feed.advance(WED + 86_400_000)]
      .filter((o) => o.topic.endsWith('/count'))
      .map(decode)
      .filter((m) => m.kind === 'door-count');
    const sum = (key: 'in' | 'out') =>
      counts.reduce((n, m) => n + (m.kind === 'door-count' ? m.payload[key] : 0), 0);
    expect(sum('in')).toBe(feed.totals().doorIn);
    expect(sum('out')).toBe(feed.totals().doorOut);
    expect(sum('in')).toBe(sum('out'));
    expect(sum('in')).toBeGreaterThan(40);
  });

  it('announces a device again after a reconnect, with a fresh seq', () => {
    const { feed } = feedFrom(at(10));
    const first = feed.initial().filter((o) => o.device === 'ds-a-01');
    const again = feed.announce('ds-a-01', at(10, 5));
    expect(again.map((o) => o.topic)).toEqual(first.map((o) => o.topic));
    const seqOf = (o: Outbound | undefined) => (o ? JSON.parse(o.payload).seq : undefined);
    expect(seqOf(again[1])).toBe(seqOf(first[1]) + 1);
  });
});
