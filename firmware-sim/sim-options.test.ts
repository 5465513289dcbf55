import { describe, expect, it } from 'vitest';
import { DEMO_SITE_FILE, loadSites } from '../protocol/index.ts';
import { parseSimOptions } from './sim-options.ts';

const sites = await loadSites([DEMO_SITE_FILE]);

describe('sim options', () => {
  it('fills the defaults, with a random seed that a run can report', () => {
    const config = parseSimOptions({ mqttUrl: 'mqtt://127.0.0.1:1883', sites });
    expect(config).toMatchObject({
      speed: 1,
      tickMs: 1000,
      heartbeatMs: 300_000,
      doorReportMs: 60_000,
      profileShift: 'none',
    });
    expect(Number.isInteger(config.seed)).toBe(true);
    expect(parseSimOptions({ mqttUrl: 'mqtt://h:1', sites, seed: 9 }).seed).toBe(9);
  });

  it('rejects bad options with a message naming the setting', () => {
    expect(() => parseSimOptions({ mqttUrl: 'localhost', sites })).toThrow(/mqttUrl: must be a broker URL/);
    expect(() => parseSimOptions({ mqttUrl: 'mqtt://h:1', sites: [] })).toThrow(/sites/);
    expect(() => parseSimOptions({ mqttUrl: 'mqtt://h:1', sites, profileShift: 'maybe' as 'auto' })).toThrow(
      /profileShift/,
    );
    expect(() => parseSimOptions({ mqttUrl: 'mqtt://h:1', sites, speed: 10_000 })).toThrow(/speed × tickMs/);
  });
});
