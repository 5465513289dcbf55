import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realPart } from '../test/real-parts.ts';
import { addDevice, type BrokerHandle, start } from './index.ts';

// The broker with Mosquitto's own command-line clients, as a manager would try it by hand.

const pub = realPart('mosquitto_pub', 'apt-get install mosquitto-clients');
const sub = realPart('mosquitto_sub', 'apt-get install mosquitto-clients');
const run = promisify(execFile);
const DESK = 'prossima/v1/demo/desk/a-01/state';

describe.skipIf(!pub.found || !sub.found)('with mosquitto_pub and mosquitto_sub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prossima-mosq-clients-'));
  const registryFile = join(dir, 'devices.json');
  let broker: BrokerHandle;
  let secret: string;
  const reader = ['-u', 'ingest', '-P', 'reader-secret'];
  const mosquittoPub = (...args: string[]) =>
    run(pub.found ? pub.path : '', ['-h', '127.0.0.1', '-p', String(broker.port), ...args]).then(
      () => 0,
      (error: { code: number }) => error.code,
    );

  beforeAll(async () => {
    ({ secret } = await addDevice(registryFile, {
      role: 'device',
      id: 'ds-a-01',
      site: 'demo',
      desks: ['a-01'],
    }));
    broker = await start({
      port: 0,
      registryFile,
      services: [{ username: 'ingest', secret: 'reader-secret', role: 'reader' }],
    });
  });
  afterAll(async () => {
    await broker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a device with its credentials, and a retained state reaches mosquitto_sub', async () => {
    const device = ['-i', 'ds-a-01', '-u', 'ds-a-01', '-P', secret];
    expect(await mosquittoPub(...device, '-q', '1', '-r', '-t', DESK, '-m', '{"occupied":true}')).toBe(0);
    const { stdout } = await run(sub.found ? sub.path : '', [
      ...['-h', '127.0.0.1', '-p', String(broker.port), ...reader, '-q', '1'],
      ...['-t', 'prossima/v1/demo/#', '-v', '-C', '1', '-W', '5'],
    ]);
    expect(stdout.trim()).toBe(`${DESK} {"occupied":true}`);
  });

  it('refuses mosquitto_pub without credentials or with a wrong secret', async () => {
    expect(await mosquittoPub('-t', DESK, '-m', '{}')).not.toBe(0);
    expect(
      await mosquittoPub('-i', 'ds-a-01', '-u', 'ds-a-01', '-P', 'wrong', '-t', DESK, '-m', '{}'),
    ).not.toBe(0);
    const denied = (await broker.metrics()).denied.connect;
    expect(denied).toMatchObject({ anonymous: 1, 'bad-credentials': 1 });
  });

  it('refuses mosquitto_sub a subscription outside what a reader may see', async () => {
    const child = spawn(sub.found ? sub.path : '', [
      '-h',
      '127.0.0.1',
      '-p',
      String(broker.port),
      ...reader,
      '-t',
      '#',
      '-W',
      '2',
    ]);
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(err).toMatch(/denied|refused|fail/i);
    expect((await broker.metrics()).denied.subscribe.acl).toBe(1);
  });
});
