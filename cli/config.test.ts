import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, mqttUrlOf } from './config.ts';
import { helpText } from './help.ts';
import { SETTINGS } from './settings.ts';

describe('configuration', () => {
  it('works with no settings at all', () => {
    const { config } = loadConfig([], {});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      mqttPort: 1883,
      httpPort: 8080,
      dataDir: './data',
      store: 'sqlite',
      sim: true,
      simSpeed: 1,
    });
    expect(mqttUrlOf(config)).toBe('mqtt://127.0.0.1:1883');
  });

  it('takes variables, and flags over variables', () => {
    const env = { PROSSIMA_HTTP_PORT: '9000', PROSSIMA_STORE: 'influxdb', PROSSIMA_SIM: 'false' };
    expect(loadConfig([], env).config).toMatchObject({ httpPort: 9000, store: 'influxdb', sim: false });
    const { config } = loadConfig(['--http-port', '0', '--sim'], env);
    expect(config).toMatchObject({ httpPort: 0, sim: true });
    expect(loadConfig(['--no-sim'], {}).config.sim).toBe(false);
  });

  it('reports every bad setting at once, naming flag and variable', () => {
    const env = { PROSSIMA_MQTT_PORT: '70000', PROSSIMA_INFLUX_URL: 'ftp://x' };
    expect(() => loadConfig(['--store', 'postgres'], env)).toThrow(
      [
        'Invalid configuration:',
        '  --mqtt-port / PROSSIMA_MQTT_PORT: must be 0..65535',
        '  --store / PROSSIMA_STORE: Invalid option: expected one of "sqlite"|"influxdb"',
        '  --influx-url / PROSSIMA_INFLUX_URL: must be an http(s) URL',
      ].join('\n'),
    );
  });

  it('refuses an unknown flag, pointing at the help', () => {
    expect(() => loadConfig(['--colour', 'red'], {})).toThrow(
      /Unknown option '--colour'[\s\S]*prossima help/,
    );
  });

  it('is documented: the help and the README list every flag and variable', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const help = helpText();
    for (const setting of Object.values(SETTINGS)) {
      expect(readme).toContain(`\`${setting.env}\``);
      expect(readme).toContain(`\`--${setting.flag}`);
      expect(help).toContain(setting.env);
    }
  });
});
