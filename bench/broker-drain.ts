import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { start } from '../broker/index.ts';
import type { BenchResult } from './measure.ts';

// A persistent session coming back to a backlog: ingest away while sensors kept publishing. Messages
// queued for it per second of draining, through the embedded broker (indexed queues,
// broker/outgoing-queues.ts) and through aedes with its own in-memory persistence, at two backlog
// sizes: a drain that costs the same per message at both sizes is linear.

const SIZES = [20_000, 100_000];

type Endpoint = { url: string; close: () => Promise<void> };

async function plainAedes(): Promise<Endpoint> {
  const aedes = await Aedes.createBroker();
  const server = createServer((socket) => aedes.handle(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => aedes.close(() => resolve(undefined)));
    },
  };
}

async function embedded(): Promise<Endpoint> {
  const broker = await start({
    port: 0,
    allowAnonymous: true,
    limits: { publishRate: 1_000_000, publishBurst: 1_000_000 },
  });
  return { url: broker.url, close: () => broker.close() };
}

/** Messages per second delivered (and acknowledged) to a persistent session that finds `n` queued. */
async function drain(endpoint: Endpoint, n: number): Promise<number> {
  const options = { clientId: 'drain', clean: false, log: () => {} };
  const away = await mqtt.connectAsync(endpoint.url, options);
  await away.subscribeAsync('drain/#', { qos: 1 });
  await away.endAsync();
  const publisher = await mqtt.connectAsync(endpoint.url, { clientId: 'drain-pub', log: () => {} });
  for (let i = 0; i < n; i += 1000) {
    await Promise.all(
      Array.from({ length: 1000 }, (_, j) => publisher.publishAsync('drain/x', String(i + j), { qos: 1 })),
    );
  }
  await publisher.endAsync();
  const started = performance.now();
  const back = mqtt.connect(endpoint.url, options);
  let received = 0;
  await new Promise<void>((resolve) =>
    back.on('message', () => {
      if (++received === n) resolve();
    }),
  );
  const ms = performance.now() - started;
  await back.endAsync();
  return (n / ms) * 1000;
}

export async function benchBrokerDrain(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const n of SIZES) {
    const baseline = await plainAedes();
    const aedesRate = await drain(baseline, n).finally(() => baseline.close());
    const ours = await embedded();
    const ourRate = await drain(ours, n).finally(() => ours.close());
    const label = `${n.toLocaleString('en')} queued`;
    results.push({ name: `aedes alone, ${label}`, perSecond: aedesRate });
    results.push({ name: `embedded broker, ${label}`, perSecond: ourRate, ratio: ourRate / aedesRate });
  }
  return results;
}
