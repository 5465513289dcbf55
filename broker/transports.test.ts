import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { realPart } from '../test/real-parts.ts';
import { type BrokerHandle, start } from './index.ts';

const reader = { username: 'api', password: 'api-secret' };
const services = [{ username: reader.username, secret: reader.password, role: 'reader' as const }];
const brokers: BrokerHandle[] = [];
afterAll(async () => {
  await Promise.all(brokers.map((b) => b.close()));
});

async function roundTrip(url: string, options: IClientOptions = {}): Promise<string> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...reader, ...options });
  const got = new Promise<string>((resolve) => c.once('message', (_t, p) => resolve(p.toString())));
  await c.subscribeAsync('prossima/v1/demo/#', { qos: 1 });
  // A reader may not publish: the broker's own publish stands in for a sensor.
  const broker = brokers.at(-1);
  broker?.aedes.publish(
    {
      cmd: 'publish',
      topic: 'prossima/v1/demo/desk/a-01/state',
      payload: Buffer.from('hello'),
      qos: 1,
      retain: false,
      dup: false,
    },
    () => {},
  );
  const payload = await got;
  await c.endAsync();
  return payload;
}

describe('transports', () => {
  it('speaks MQTT over WebSocket on its own port, with the same login', async () => {
    const broker = await start({ port: 0, wsPort: 0, services });
    brokers.push(broker);
    expect(broker.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/mqtt$/);
    expect(await roundTrip(broker.wsUrl ?? '')).toBe('hello');
    await expect(mqtt.connectAsync(broker.wsUrl ?? '', { reconnectPeriod: 0 })).rejects.toThrow(
      /Not authorized/,
    );
  });

  const openssl = realPart('openssl', 'apt-get install openssl');
  it.skipIf(!openssl.found)(
    'speaks TLS on TCP and WebSocket with a configured certificate and key',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'prossima-tls-'));
      try {
        const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
        execFileSync(
          openssl.found ? openssl.path : 'openssl',
          [
            ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
            ...['-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'],
            ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
          ],
          { stdio: 'ignore' },
        );
        const tls = { cert: readFileSync(cert), key: readFileSync(key) };
        const broker = await start({ port: 0, tlsPort: 0, wsPort: 0, tls, services });
        brokers.push(broker);
        expect(broker.tlsUrl).toMatch(/^mqtts:\/\//);
        expect(broker.wsUrl).toMatch(/^wss:\/\//);
        const trust = { ca: tls.cert };
        expect(await roundTrip(broker.tlsUrl ?? '', trust)).toBe('hello');
        expect(await roundTrip(broker.wsUrl ?? '', trust)).toBe('hello');
        // An untrusted certificate is refused by the client, as it should be.
        await expect(
          mqtt.connectAsync(broker.tlsUrl ?? '', { reconnectPeriod: 0, ...reader }),
        ).rejects.toThrow(/self.signed|certificate/i);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('serves Prometheus text at /metrics on its own port', async () => {
    const broker = await start({ port: 0, metricsPort: 0, services });
    brokers.push(broker);
    const response = await fetch(broker.metricsUrl ?? '');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toMatch(/^prossima_broker_clients 0$/m);
    expect((await fetch((broker.metricsUrl ?? '').replace('/metrics', '/other'))).status).toBe(404);
  });
});
