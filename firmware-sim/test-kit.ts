// Shared by this folder's MQTT tests: a real broker with the accounts `prossima start` would give (a
// publisher for the simulator, a reader for subscribers), a subscriber that records what it hears, a waiting
// loop. The pure tests import test-sites.ts alone, without the broker and MQTT.js.
import type { Client } from 'aedes';
import mqtt from 'mqtt';
import { type BrokerHandle, newSecret, start as startBroker } from '../broker/index.ts';
import { type Site, siteFilter } from '../protocol/index.ts';

export { demoSite, smallSite } from './test-sites.ts';

export type Login = { mqttUsername: string; mqttPassword: string };
export type Seen = { topic: string; payload: string; retain: boolean; at: number };
export type TestBroker = BrokerHandle & { clients: Map<string, Client>; sim: Login; reader: Login };

/** A broker on a free port (or `again` one's port and logins); `cleanup` collects what to close. */
export async function testBroker(
  sites: readonly Site[],
  cleanup: Array<() => Promise<unknown>>,
  again?: { port: number; sim: Login; reader: Login },
): Promise<TestBroker> {
  const port = again?.port ?? 0;
  const sim = again?.sim ?? { mqttUsername: 'prossima-sim', mqttPassword: newSecret() };
  const reader = again?.reader ?? { mqttUsername: 'prossima-reader', mqttPassword: newSecret() };
  const handle = await startBroker({
    port,
    services: [
      {
        username: sim.mqttUsername,
        secret: sim.mqttPassword,
        role: 'publisher',
        sites: sites.map((s) => s.id),
      },
      { username: reader.mqttUsername, secret: reader.mqttPassword, role: 'reader' },
    ],
    limits: { maxConnections: 5000 },
  });
  const clients = new Map<string, Client>();
  handle.aedes.on('client', (client) => clients.set(client.id, client));
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= handle.close();
    return closing;
  };
  cleanup.push(close);
  return { ...handle, close, clients, sim, reader };
}

/** Subscribes to every site (or one) at QoS 1 and records every message with its arrival time. */
export async function subscriber(
  broker: TestBroker,
  cleanup: Array<() => Promise<unknown>>,
  site?: string,
): Promise<Seen[] & { close(): Promise<void> }> {
  const client = await mqtt.connectAsync(broker.url, {
    clientId: `test-sub-${Math.random().toString(16).slice(2)}`,
    username: broker.reader.mqttUsername,
    password: broker.reader.mqttPassword,
  });
  cleanup.push(() => client.endAsync());
  const seen: Seen[] = [];
  client.on('message', (topic, payload, packet) =>
    seen.push({ topic, payload: payload.toString(), retain: packet.retain, at: Date.now() }),
  );
  await client.subscribeAsync(siteFilter(site), { qos: 1 });
  return Object.assign(seen, { close: () => client.endAsync() });
}

export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
