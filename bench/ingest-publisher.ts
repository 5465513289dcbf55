// A child process of the ingest benchmark: publishes desk states at QoS 1 over several connections,
// flat out or at a fixed rate, each stamped with the time it was published, and prints a JSON summary.
import mqtt, { type MqttClient } from 'mqtt';
import { deskStateTopic } from '../protocol/index.ts';
import { deskId } from './ingest-site.ts';

type Plan = {
  url: string;
  username?: string;
  password?: string;
  site: string;
  desks: number;
  total: number;
  /** Messages per second; 0 for flat out. */
  rate: number;
  connections: number;
  /** Publishes awaiting PUBACK per connection. */
  window: number;
  /** First seq, so two runs against one store never write the same point. */
  seqFrom: number;
};

const plan = JSON.parse(process.argv[2] ?? '{}') as Plan;
const clients: MqttClient[] = await Promise.all(
  Array.from({ length: plan.connections }, (_, i) =>
    mqtt.connectAsync(plan.url, {
      clientId: `bench-pub-${process.pid}-${i}`,
      username: plan.username,
      password: plan.password,
      // MQTT.js logs through the debug module, whose check costs ~5% of this process per message.
      log: () => {},
    }),
  ),
);
const inflight = new Array<number>(plan.connections).fill(0);
const lastTs = new Map<number, number>();
let sent = 0;
let acked = 0;
const started = Date.now();

function publishOne(): boolean {
  const c = sent % plan.connections;
  if ((inflight[c] ?? 0) >= plan.window) return false;
  const desk = sent % plan.desks;
  // One point per desk and millisecond: a second one would overwrite the first in the store.
  const ts = Math.max(Date.now(), (lastTs.get(desk) ?? 0) + 1);
  lastTs.set(desk, ts);
  const payload = JSON.stringify({ occupied: sent % 2 === 0, ts, seq: plan.seqFrom + sent });
  inflight[c] = (inflight[c] ?? 0) + 1;
  sent += 1;
  clients[c]?.publish(deskStateTopic(plan.site, deskId(desk)), payload, { qos: 1 }, () => {
    inflight[c] = (inflight[c] ?? 0) - 1;
    acked += 1;
  });
  return true;
}

await new Promise<void>((resolve) => {
  const tick = () => {
    const due =
      plan.rate > 0
        ? Math.min(plan.total, Math.floor(((Date.now() - started) * plan.rate) / 1000))
        : plan.total;
    let budget = 2000;
    // One write per connection for the whole burst, not one per message: the load generator shares
    // the two cores with what it measures, and devices in the field do not.
    for (const c of clients) c.stream.cork();
    while (sent < due && budget-- > 0 && publishOne()) {}
    for (const c of clients) c.stream.uncork();
    if (acked >= plan.total) return resolve();
    setTimeout(tick, sent < due ? 0 : 2);
  };
  tick();
});
const ms = Date.now() - started;
console.log(JSON.stringify({ published: acked, ms, startedAt: started }));
await Promise.all(clients.map((c) => c.endAsync()));
