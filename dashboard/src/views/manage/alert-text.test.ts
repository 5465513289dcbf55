import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../protocol/live-view.ts';
import { DEMO_SITE_FILE, parseSite } from '../../../../protocol/load-sites.ts';
import { translator } from '../../i18n/messages.ts';
import { createTimeFormat } from '../../time-format.ts';
import { describeAlert } from './alert-text.ts';
import { manageMessages } from './messages.ts';
import { siteNames } from './site-names.ts';

const site = parseSite(JSON.parse(readFileSync(DEMO_SITE_FILE, 'utf8')));
const names = siteNames(site);
const now = Date.UTC(2026, 10, 25, 9, 0);
const format = createTimeFormat({ timeZone: 'Europe/Rome', now: () => now });
const base = { id: 'x', site: 'demo', at: now, message: 'english' };

describe('describeAlert', () => {
  it('names the zone and desk as people know them, in either language', () => {
    const zone: Alert = {
      ...base,
      type: 'over-capacity',
      subject: { kind: 'zone', id: 'sala-corsi' },
      value: 9,
      threshold: 8,
    };
    expect(describeAlert(zone, translator(manageMessages, 'en'), names, format)).toEqual({
      kind: 'Over capacity',
      message: 'Sala corsi: 9 desks held, capacity 8.',
    });
    const offline: Alert = {
      ...base,
      type: 'sensor-offline',
      subject: { kind: 'desk', id: 's-01' },
      value: now - 20 * 60_000,
      threshold: 0,
    };
    // 08:40 UTC is 09:40 in Rome.
    expect(describeAlert(offline, translator(manageMessages, 'it'), names, format)).toEqual({
      kind: 'Sensore offline',
      message: 'Postazione S1: sensore offline, ultimo segnale 09:40.',
    });
  });

  it('tells a never-heard sensor, a low battery and door drift apart', () => {
    const t = translator(manageMessages, 'en');
    const never: Alert = {
      ...base,
      type: 'sensor-offline',
      subject: { kind: 'desk', id: 'a-01' },
      value: 0,
      threshold: 0,
    };
    expect(describeAlert(never, t, names, format).message).toBe('Desk A1: sensor never heard.');
    const battery: Alert = {
      ...base,
      type: 'battery-low',
      subject: { kind: 'device', id: 'ds-a-03' },
      value: 12,
      threshold: 20,
    };
    expect(describeAlert(battery, t, names, format)).toEqual({
      kind: 'Low battery',
      message: 'Device ds-a-03: battery at 12%.',
    });
    const drift: Alert = {
      ...base,
      type: 'door-drift',
      subject: { kind: 'site', id: 'demo' },
      value: -7,
      threshold: 5,
    };
    expect(describeAlert(drift, t, names, format).message).toBe(
      'The door count is off by 7 people (more than 5).',
    );
    const inside: Alert = { ...drift, type: 'inside-after-closing', value: 8 };
    expect(describeAlert(inside, t, names, format)).toEqual({
      kind: 'Inside after closing',
      message: '8 people still counted inside an hour after closing (more than 5).',
    });
  });
});
