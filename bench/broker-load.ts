// The client load for the broker benchmark, run in child processes so the broker's process is measured
// alone. argv[2] is JSON: { role: 'sub' | 'pub', url, qos, … }. It prints JSON lines: {ready} then
// {result}. A subscriber reports when it reads "report" on stdin.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

type Login = { clientId: string; username?: string; password?: string };
type Args =
  | { role: 'sub'; url: string; qos: 0 | 1; login: Login; filter: string }
  | {
      role: 'pub';
      url: string;
      qos: 0 | 1;
      logins: Login[];
      topics: string[];
      seconds: number;
      window: number;
    };

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const connect = (login: Login, extra: IClientOptions = {}) =>
  mqtt.connectAsync(args.url, { ...login, reconnectPeriod: 0, clean: true, ...extra });

if (args.role === 'sub') {
  const client = await connect(args.login);
  let count = 0;
  let first = 0;
  let last = 0;
  client.on('message', () => {
    last = performance.now();
    if (count++ === 0) first = last;
  });
  await client.subscribeAsync(args.filter, { qos: args.qos });
  say({ ready: true });
  process.stdin.on('data', async () => {
    say({ result: { count, seconds: (last - first) / 1000 } });
    await client.endAsync(true);
    process.exit(0);
  });
} else {
  const clients = await Promise.all(args.logins.map((login) => connect(login)));
  say({ ready: true });
  const deadline = performance.now() + args.seconds * 1000;
  let sent = 0;
  const payload = JSON.stringify({ occupied: true, ts: Date.now(), seq: 0 });
  // Each publisher keeps `window` messages in flight: acknowledged (QoS 1) or written (QoS 0).
  const run = (client: MqttClient, topic: string) =>
    new Promise<void>((resolve) => {
      let inFlight = 0;
      const next = () => {
        while (inFlight < args.window && performance.now() < deadline) {
          inFlight++;
          client.publish(topic, payload, { qos: args.qos }, () => {
            inFlight--;
            sent++;
            if (performance.now() < deadline) next();
            else if (inFlight === 0) resolve();
          });
        }
      };
      next();
    });
  await Promise.all(clients.map((client, i) => run(client, args.topics[i] ?? '')));
  say({ result: { sent } });
  await Promise.all(clients.map((c) => c.endAsync()));
  process.exit(0);
}
