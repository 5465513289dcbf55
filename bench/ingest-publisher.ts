// A child process of the ingest benchmark: publishes desk states at QoS 1 over several connections,
// flat out or at a fixed rate, each stamped with the time it was published, and prints a JSON summary.
// It speaks MQTT itself (mqtt-wire.ts): the load generator should take as little of the machine as it can.
import { deskStateTopic } from '../protocol/index.ts';
import { integerDigits, writeInteger } from '../store/desk-state-line.ts';
import { deskId } from './ingest-site.ts';
import { connectWire, type WireClient, type WirePayload } from './mqtt-wire.ts';

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
const clients: WireClient[] = await Promise.all(
  Array.from({ length: plan.connections }, (_, i) =>
    connectWire({
      url: plan.url,
      clientId: `bench-pub-${process.pid}-${i}`,
      username: plan.username,
      password: plan.password,
    }),
  ),
);
const inflight = new Array<number>(plan.connections).fill(0);
const lastTs = new Array<number>(plan.desks).fill(0);
const siteTopics = (site: string) =>
  Array.from({ length: plan.desks }, (_, d) => Buffer.from(deskStateTopic(site, deskId(d))));
let topics = siteTopics(`${plan.site}-warm`);
let sent = 0;
let acked = 0;

/**
 * `{"occupied":…,"ts":…,"seq":…}`, the compact desk state sensors send, written as bytes. One object,
 * set before each publish: the wire writes it at once, so nothing is made per message.
 */
class DeskStatePayload implements WirePayload {
  byteLength = 0;
  private occupied = false;
  private ts = 0;
  private seq = 0;

  set(occupied: boolean, ts: number, seq: number): void {
    this.occupied = occupied;
    this.ts = ts;
    this.seq = seq;
    this.byteLength = (occupied ? 30 : 31) + integerDigits(ts) + integerDigits(seq);
  }

  writeTo(out: Buffer, at: number): void {
    let i = ascii(out, at, this.occupied ? OCCUPIED : FREE);
    i = writeInteger(out, i, this.ts);
    i = ascii(out, i, SEQ);
    i = writeInteger(out, i, this.seq);
    out[i] = 0x7d; // }
  }
}

const OCCUPIED = Buffer.from('{"occupied":true,"ts":');
const FREE = Buffer.from('{"occupied":false,"ts":');
const SEQ = Buffer.from(',"seq":');
const payload = new DeskStatePayload();

function ascii(out: Buffer, at: number, bytes: Buffer): number {
  out.set(bytes, at);
  return at + bytes.length;
}

function publishOne(): boolean {
  const c = sent % plan.connections;
  if ((inflight[c] ?? 0) >= plan.window) return false;
  const desk = sent % plan.desks;
  // One point per desk and millisecond: a second one would overwrite the first in the store.
  const ts = Math.max(now, (lastTs[desk] ?? 0) + 1);
  lastTs[desk] = ts;
  payload.set(sent % 2 === 0, ts, plan.seqFrom + sent);
  inflight[c] = (inflight[c] ?? 0) + 1;
  sent += 1;
  clients[c]?.publish(topics[desk] as Buffer, payload, acks[c] as () => void);
  return true;
}

/** Set while every window is full: the next PUBACK starts it, once the turn's acks are all read. */
let onAck: (() => void) | undefined;
const acks = clients.map((_, c) => () => {
  inflight[c] = (inflight[c] ?? 0) - 1;
  acked += 1;
  const next = onAck;
  if (next) {
    onAck = undefined;
    setImmediate(next);
  }
});
let now = Date.now();

/** Publishes `total` messages at `rate` a second (0: flat out) from `from` on, until all are acked. */
function run(total: number, rate: number, from: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const tick = () => {
      const due = rate > 0 ? Math.min(total, Math.floor(((Date.now() - from) * rate) / 1000)) : total;
      let budget = 2000;
      let windowFull = false;
      now = Date.now();
      while (sent < due && budget-- > 0) {
        windowFull = !publishOne();
        if (windowFull) break;
      }
      if (acked >= total) return resolve();
      // Behind with a window full: go on when a PUBACK frees one, not by polling a timer.
      if (windowFull) onAck = tick;
      else setTimeout(tick, sent < due ? 0 : 2);
    };
    tick();
  });
}

// A cold generator fell 750–1,700 messages behind within its first second (measured per quarter
// second) and caught up in bursts of up to 2,000, which measured its own start, not the system's. So it first sends WARM_UP messages
// flat out to a site nobody subscribes to, and starts its clock after that.
const WARM_UP = 5000;
await run(WARM_UP, 0, Date.now());
topics = siteTopics(plan.site);
sent = 0;
acked = 0;
lastTs.fill(0);
const started = Date.now();
const cpuAtStart = process.cpuUsage();
await run(plan.total, plan.rate, started);
const ms = Date.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
// Its own CPU per message, in µs: what the simulated devices took from the machine being measured.
const cpuUs = (cpu.user + cpu.system) / plan.total;
console.log(JSON.stringify({ published: acked, ms, startedAt: started, cpuUs }));
await Promise.all(clients.map((c) => c.end()));
