import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.ts';

const now = Date.UTC(2026, 10, 25, 10, 0, 0);

describe('relativeTime', () => {
  it('says how long ago in the largest whole unit, rounding down', () => {
    expect(relativeTime(now - 2_000, now, 'en')).toBe('2 seconds ago');
    expect(relativeTime(now - 125_000, now, 'en')).toBe('2 minutes ago');
    expect(relativeTime(now - 59 * 60_000, now, 'en')).toBe('59 minutes ago');
    expect(relativeTime(now - 3 * 3_600_000, now, 'en')).toBe('3 hours ago');
    expect(relativeTime(now - 26 * 3_600_000, now, 'en')).toBe('yesterday');
    expect(relativeTime(now - 9 * 86_400_000, now, 'en')).toBe('9 days ago');
  });

  it('speaks Italian and never says "in" for a clock a little ahead', () => {
    expect(relativeTime(now - 125_000, now, 'it')).toBe('2 minuti fa');
    expect(relativeTime(now + 3_000, now, 'it')).toBe('ora');
  });
});
