import { describe, expect, it } from 'vitest';
import type { LiveDesk } from '../../protocol/live-view.ts';
import { describeDesk } from './desk-description.ts';
import { createTimeFormat } from './time-format.ts';

// 08:12 UTC on a winter Monday is 09:12 in Rome; "now" is the same day at noon UTC.
const at = Date.UTC(2024, 0, 8, 8, 12);
const format = createTimeFormat({ timeZone: 'Europe/Rome', now: () => Date.UTC(2024, 0, 8, 12, 0) });
const desk = (state: LiveDesk['state'], since: number | null, lastSeen: number | null): LiveDesk => ({
  id: 'a-03',
  zone: 'open-a',
  floor: 'ground',
  state,
  since,
  lastSeen,
});

describe('describeDesk', () => {
  it('names the desk, its state and since when, in the site time zone', () => {
    expect(describeDesk('A3', desk('occupied', at, at), format)).toBe('Desk A3: occupied since 09:12');
    expect(describeDesk('A3', desk('free', at, at), format)).toBe('Desk A3: free since 09:12');
  });

  it('tells offline and unknown desks apart from free ones', () => {
    expect(describeDesk('A3', desk('offline', null, at), format)).toBe(
      'Desk A3: sensor offline, last heard 09:12',
    );
    expect(describeDesk('A3', desk('unknown', null, null), format)).toBe('Desk A3: no data yet');
    expect(describeDesk('A3', undefined, format)).toBe('Desk A3: no data yet');
  });

  it('adds the day when the time is not today in the site', () => {
    const yesterday = at - 24 * 3600_000;
    expect(describeDesk('A3', desk('occupied', yesterday, at), format)).toBe(
      'Desk A3: occupied since Sun 7 Jan, 09:12',
    );
  });
});
