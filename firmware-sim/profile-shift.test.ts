import { describe, expect, it } from 'vitest';
import { createLocalTime, DEMO_SITE_FILE, loadSites } from '../protocol/index.ts';
import { profileShiftMs } from './profile-shift.ts';

const [site] = await loadSites([DEMO_SITE_FILE]);
if (!site) throw new Error('demo site missing');
const rome = createLocalTime('Europe/Rome');
const WED = Date.UTC(2025, 2, 11, 23);
const at = (day: number, hh: number, mm = 0) => WED + day * 86_400_000 + (hh * 60 + mm) * 60_000;
const shifted = (now: number) => rome(now + profileShiftMs(site, now, 'auto'));

describe('profile shift', () => {
  it("is 0 with 'none', and with 'auto' while the site is open", () => {
    expect(profileShiftMs(site, at(0, 21), 'none')).toBe(0);
    expect(profileShiftMs(site, at(0, 11), 'auto')).toBe(0);
  });

  it('plays the next working day from 10:00 when the demo runs at 21:00', () => {
    expect(shifted(at(0, 21))).toMatchObject({ weekday: 'thu', minutes: 600 });
  });

  it('skips a short Saturday and a closed Sunday for a full weekday', () => {
    expect(shifted(at(2, 21))).toMatchObject({ weekday: 'mon', minutes: 600 });
    expect(shifted(at(4, 11))).toMatchObject({ weekday: 'mon', minutes: 600 });
  });

  it('plays the same day when run before opening', () => {
    expect(shifted(at(0, 6))).toMatchObject({ weekday: 'wed', minutes: 600 });
  });
});
