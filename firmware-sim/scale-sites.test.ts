import { describe, expect, it } from 'vitest';
import { siteSchema } from '../protocol/index.ts';
import { createProgressBar } from './progress-bar.ts';
import { scaleSites } from './scale-sites.ts';
import { siteDevices } from './sim-devices.ts';
import { demoSite } from './test-sites.ts';

const demo = await demoSite();

describe('scaled sites', () => {
  it('copy the sites until there are at least the devices asked for, every id unique and valid', () => {
    const sites = scaleSites([demo], 10_000);
    const devices = sites.flatMap(siteDevices);
    expect(sites).toHaveLength(239);
    expect(devices.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(devices.map((d) => d.id)).size).toBe(devices.length);
    expect(new Set(sites.map((s) => s.id)).size).toBe(sites.length);
    expect(sites[0]).toBe(demo);
    for (const site of sites.slice(0, 3)) expect(siteSchema.safeParse(site).success).toBe(true);
    expect(siteDevices(sites[1] ?? demo)[0]?.id).toBe('ds-a-01-2');
  });

  it('leave the sites as they are when they already have enough devices', () => {
    expect(scaleSites([demo], undefined)).toEqual([demo]);
    expect(scaleSites([demo], 42)).toEqual([demo]);
  });
});

describe('progress bar', () => {
  it('redraws one line on a terminal, at most ten times a second, then ends with the summary', () => {
    const writes: string[] = [];
    const clock = { now: 0 };
    const bar = createProgressBar({ isTTY: true, write: (s) => writes.push(s) }, 'Backfill', () => clock.now);
    bar.update(0.5, '10 messages');
    bar.update(0.6, '12 messages');
    clock.now = 150;
    bar.update(1, '20 messages');
    bar.done('sent 20 messages');
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^\rBackfill █{15}░{15} {2}50% {2}10 messages/);
    expect(writes[2]).toBe('\r\u001b[KBackfill: sent 20 messages\n');
  });

  it('writes only the summary when the stream is not a terminal', () => {
    const writes: string[] = [];
    const bar = createProgressBar({ write: (s) => writes.push(s) }, 'Replay');
    bar.update(0.5, 'half');
    bar.done('sent 3 messages');
    expect(writes).toEqual(['Replay: sent 3 messages\n']);
  });
});
