import { connect as connectTcp, type Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerHandle, start } from './index.ts';

// Each test probes one place where aedes 1.2 alone departs from MQTT 3.1.1, through a real socket:
// raw bytes for what a well-behaved client library will not send, MQTT.js for the rest.

let broker: BrokerHandle;
const clients: MqttClient[] = [];
beforeAll(async () => {
  broker = await start({ port: 0, allowAnonymous: true });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await broker.close();
});

const str = (s: string) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};
const packet = (header: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([header, body.length]), body]); // bodies here stay under 128 bytes
};
/** CONNECT, MQTT 3.1.1; flags: 0x02 clean session, 0x80 user name, 0x40 password. */
const connectPacket = (clientId: string, flags: number, ...rest: Buffer[]) =>
  packet(0x10, str('MQTT'), Buffer.from([4, flags, 0, 0]), str(clientId), ...rest);
const subscribePacket = (filter: string) => packet(0x82, Buffer.from([0, 1]), str(filter), Buffer.from([0]));
const publishPacket = (topic: string) => packet(0x30, str(topic), Buffer.from('x'));

/** Sends bytes, then reports what came back and whether the broker closed the connection. */
async function exchange(...packets: Buffer[]): Promise<{ received: Buffer; closed: boolean }> {
  const socket: Socket = connectTcp(broker.port, '127.0.0.1');
  const chunks: Buffer[] = [];
  let closed = false;
  socket.on('data', (c) => chunks.push(c));
  socket.on('close', () => {
    closed = true;
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  for (const p of packets) socket.write(p);
  // Returns as soon as the broker closes; the wait only runs out when it (wrongly) keeps the connection.
  const deadline = Date.now() + 2000;
  while (!closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  socket.destroy();
  return { received: Buffer.concat(chunks), closed };
}
const CONNACK_OK = '20020000';

async function client(options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, ...options });
  clients.push(c);
  return c;
}
const collect = (c: MqttClient) => {
  const got: Array<{ topic: string; qos: number }> = [];
  c.on('message', (topic, _p, p) => got.push({ topic, qos: p.qos }));
  return got;
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('MQTT 3.1.1 conformance fixes over aedes 1.2', () => {
  it('[MQTT-3.1.3-8] answers an empty client id without clean session with CONNACK 0x02, then closes', async () => {
    const { received, closed } = await exchange(connectPacket('', 0x00));
    expect(received.toString('hex')).toBe('20020002');
    expect(closed).toBe(true);
  });

  it('[MQTT-3.1.2-22] closes a CONNECT with a password but no user name, without CONNACK', async () => {
    const { received, closed } = await exchange(connectPacket('pw-only', 0x42, str('secret')));
    expect(received.length).toBe(0);
    expect(closed).toBe(true);
  });

  it.each(['a+', '+a', 'a#', 'a/+b'])(
    '[MQTT-4.7.1-2/3] closes the connection on the invalid filter %s',
    async (filter) => {
      const { received, closed } = await exchange(
        connectPacket(`f-${filter.length}`, 0x02),
        subscribePacket(filter),
      );
      expect(received.toString('hex')).toBe(CONNACK_OK); // no SUBACK
      expect(closed).toBe(true);
    },
  );

  it('[MQTT-4.7.3-2] closes the connection on a topic with U+0000', async () => {
    const { closed } = await exchange(connectPacket('nul', 0x02), publishPacket('a\u0000b'));
    expect(closed).toBe(true);
  });

  it('[MQTT-1.5.3-1] closes the connection on a topic that is not well-formed UTF-8', async () => {
    const bad = Buffer.from([0x61, 0x2f, 0xc3, 0x28]); // "a/" then a broken two-byte sequence
    const topic = Buffer.concat([Buffer.from([0, bad.length]), bad]);
    const { closed } = await exchange(connectPacket('utf', 0x02), packet(0x30, topic, Buffer.from('x')));
    expect(closed).toBe(true);
  });

  it('[MQTT-3.8.4-6] delivers at the granted QoS through wildcards and for retained messages', async () => {
    const subscriber = await client();
    const got = collect(subscriber);
    await subscriber.subscribeAsync('w/+', { qos: 1 });
    const publisher = await client();
    await publisher.publishAsync('w/a', 'x', { qos: 2 });
    await publisher.publishAsync('r/a', 'x', { qos: 1, retain: true });
    await subscriber.subscribeAsync('r/+', { qos: 0 });
    await settle();
    expect(got).toEqual([
      { topic: 'w/a', qos: 1 },
      { topic: 'r/a', qos: 0 },
    ]);
  });

  it('[MQTT-3.3.5-1] delivers at the highest QoS of overlapping subscriptions', async () => {
    const subscriber = await client();
    const got = collect(subscriber);
    await subscriber.subscribeAsync('x/#', { qos: 0 });
    await subscriber.subscribeAsync('x/+', { qos: 1 });
    const publisher = await client();
    await publisher.publishAsync('x/y', 'x', { qos: 1 });
    await settle();
    expect(got).toEqual([{ topic: 'x/y', qos: 1 }]);
  });

  it('[MQTT-4.7.2-1] never sends a $ topic to a filter starting with a wildcard, retained or not', async () => {
    await new Promise<void>((resolve) =>
      broker.aedes.publish(
        { cmd: 'publish', topic: '$app/x', payload: Buffer.from('x'), qos: 1, retain: true, dup: false },
        () => resolve(),
      ),
    );
    const subscriber = await client();
    const got = collect(subscriber);
    await subscriber.subscribeAsync('#', { qos: 1 });
    await settle();
    expect(got.filter((m) => m.topic.startsWith('$'))).toEqual([]);
  });

  it('[MQTT-3.3.1-1] sets DUP when it delivers again a QoS 1 message that was not acknowledged', async () => {
    // A persistent session (clean session 0) subscribed at QoS 1, that never sends PUBACK.
    const subscribeQos1 = packet(0x82, Buffer.from([0, 1]), str('dup/t'), Buffer.from([1]));
    const session = async () => {
      const socket = connectTcp(broker.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(connectPacket('dup-session', 0x00));
      return { socket, received: () => Buffer.concat(chunks) };
    };
    // The first byte of each PUBLISH in a stream of packets (remaining lengths here stay under 128).
    const publishes = (bytes: Buffer) => {
      const firsts: number[] = [];
      for (let at = 0; at + 1 < bytes.length; at += 2 + (bytes[at + 1] ?? 0)) {
        const first = bytes[at] ?? 0;
        if ((first & 0xf0) === 0x30) firsts.push(first);
      }
      return firsts;
    };
    const first = await session();
    first.socket.write(subscribeQos1);
    await settle();
    const publisher = await client();
    await publisher.publishAsync('dup/t', 'hello', { qos: 1 });
    await settle();
    expect(publishes(first.received())).toEqual([0x32]);
    first.socket.destroy();
    await settle();
    const second = await session();
    await settle();
    second.socket.destroy();
    // The same message again, now with DUP (0x08) set.
    expect(publishes(second.received())).toEqual([0x3a]);
  });

  it('refuses MQTT 5 clients with "unacceptable protocol version" (aedes 1.2 speaks 3.1 and 3.1.1)', async () => {
    await expect(client({ protocolVersion: 5 })).rejects.toThrow(/Unacceptable protocol version/);
  });
});
