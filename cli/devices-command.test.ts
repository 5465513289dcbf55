import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/cli-process.ts';
import { runDevices, splitDeviceArgs } from './devices-command.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'prossima-devices-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('prossima devices (as a real CLI, beside a running `prossima broker`)', () => {
  const broker = runCli(['broker', '--mqtt-port', '0', '--data-dir', dataDir]);
  afterAll(() => broker.stop());
  const devices = async (...args: string[]) => {
    const cli = runCli(['devices', ...args, '--data-dir', dataDir]);
    expect(await cli.exited()).toBe(0);
    return cli.stdout();
  };
  const connect = (url: string, password: string) =>
    mqtt.connectAsync(url, { clientId: 'ds-a-01', username: 'ds-a-01', password, reconnectPeriod: 0 });
  const gone = (c: MqttClient) =>
    new Promise<number>((resolve) => c.once('close', () => resolve(Date.now())));

  it('adds a sensor and prints its config line once; rotating and revoking drop its connection at once', async () => {
    const url = await broker.read(/MQTT\s+(mqtt:\/\/\S+)/);
    const added = await devices('add', '--site', 'demo', '--desk', 'a-01', '--desk', 'a-02');
    const line = /^\s+mqtt:\/\/ds-a-01:(\S+)@127\.0\.0\.1:\d+$/m.exec(added);
    expect(line).not.toBeNull();
    const sensor = await connect(url, line?.[1] ?? '');
    await sensor.publishAsync('prossima/v1/demo/desk/a-02/state', '{"occupied":true}', { qos: 1 });

    const rotatedOut = gone(sensor);
    const rotated = JSON.parse(await devices('rotate', 'ds-a-01', '--json')) as {
      password: string;
      url: string;
    };
    // The line names the configured port (1883 here), where the sensor will find the broker.
    expect(rotated.url).toBe(`mqtt://ds-a-01:${rotated.password}@127.0.0.1:1883`);
    await rotatedOut;
    const again = await connect(url, rotated.password);

    const revokedOut = gone(again);
    await devices('revoke', 'ds-a-01');
    const revokedAt = Date.now(); // the CLI has exited: the file is written
    expect((await revokedOut) - revokedAt).toBeLessThan(500);
    await expect(connect(url, rotated.password)).rejects.toThrow(/Bad username or password/);
    const listed = await devices('list', '--json');
    expect(JSON.parse(listed)).toEqual([
      expect.objectContaining({ id: 'ds-a-01', revoked: expect.any(String) }),
    ]);
    expect(listed).not.toContain('secretHash');
  });
});

describe('prossima devices (in process)', () => {
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    await runDevices([...args, '--data-dir', join(dataDir, 'in-process')], {}, (l) => lines.push(l));
    return lines.join('\n');
  };

  it('refuses places the site does not have, naming the flag', async () => {
    await expect(run('add', '--site', 'demo', '--desk', 'z-99')).rejects.toThrow(
      '--desk: no desk "z-99" in site demo',
    );
    await expect(run('add', '--site', 'nowhere', '--desk', 'a-01')).rejects.toThrow(
      /--site: needs one of demo/,
    );
    await expect(run('rotate')).rejects.toThrow(/Usage: prossima devices rotate ID/);
  });

  it('lists devices and readers plainly', async () => {
    await run('add', '--site', 'demo', '--door', 'main');
    await run('add', '--reader', '--id', 'ingest');
    const list = await run('list');
    expect(list).toMatch(/^dc-main\s+device\s+demo: door main\s+active since \S+$/m);
    expect(list).toMatch(
      /^ingest\s+reader\s+reads prossima\/v1\/, reports under prossima\/sys\/\s+active since/m,
    );
  });

  it('tells its own flags from the general settings', () => {
    const split = splitDeviceArgs([
      'add',
      '--data-dir',
      'd',
      '--desk=a-01',
      '--door',
      'main',
      '--no-sim',
      '--json',
    ]);
    expect(split.positionals).toEqual(['add']);
    expect(split.rest).toEqual(['--data-dir', 'd', '--no-sim']);
    expect(split.device).toMatchObject({ desk: ['a-01'], door: ['main'], json: true });
  });
});
