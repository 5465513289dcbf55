import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { connectEvents } from '../ingest/event-connection.ts';
import { createIngestMetrics } from '../ingest/ingest-metrics.ts';
import { attachIntake } from '../ingest/intake.ts';
import type { PublishTaker } from '../ingest/intake-socket.ts';
import { openWalWriter } from '../ingest/wal-writer.ts';
import type { BenchResult } from './measure.ts';
import { withHeader } from './mqtt-wire.ts';

// How ingest takes messages (ingest/intake-socket.ts, ingest/intake.ts): a stand-in broker in this
// process sends QoS 1 desk states to ingest's own connection and intake, as fast as they are
// acknowledged (1,000 unacknowledged at most), and intake appends each to a real log on disk.
// Baseline: every message handed over by MQTT.js, as before intake took them from the socket's
// bytes (the socket's offer declined). Figures: messages per second of this process's CPU time, the
// stand-in broker's share included, the same either way.
const TOTAL = 200_000;
const WINDOW = 1_000;
const DESKS = 1_000;

export async function benchIntakeReceive(): Promise<BenchResult[]> {
  const best = { mqttjs: 0, socket: 0 };
  // Alternated and repeated, best of three each: the machine's own swings are larger than a run.
  for (let round = 0; round < 3; round += 1) {
    for (const way of ['mqttjs', 'socket'] as const) {
      best[way] = Math.max(best[way], await messagesPerCpuSecond(way === 'socket'));
    }
  }
  return [
    { name: 'MQTT.js handler (baseline), messages/s', perSecond: best.mqttjs },
    { name: 'IntakeSocket, messages/s', perSecond: best.socket, ratio: best.socket / best.mqttjs },
  ];
}

async function messagesPerCpuSecond(fromSocket: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'prossima-bench-intake-'));
  const broker = await standInBroker();
  const logger = pino({ level: 'silent' });
  const writer = openWalWriter({ dir, segmentBytes: 64 * 1024 * 1024, fsyncMs: 100, logger });
  let take: PublishTaker = () => false;
  const url = `mqtt://127.0.0.1:${broker.port}`;
  const client = connectEvents(
    { mqttUrl: url, clientId: 'bench-intake' },
    logger,
    (socket, bytes, publish, end) => take(socket, bytes, publish, end),
  );
  const intake = attachIntake({
    client,
    writer,
    budgetBytes: Number.POSITIVE_INFINITY,
    metrics: createIngestMetrics(),
    logger,
    now: Date.now,
    onCommitted: () => {},
  });
  if (fromSocket) take = intake.takePublish;
  try {
    await new Promise((resolve) => client.once('connect', resolve));
    const started = process.cpuUsage();
    await broker.send(TOTAL);
    const used = process.cpuUsage(started);
    return (TOTAL / (used.user + used.system)) * 1e6;
  } finally {
    intake.detach();
    await client.endAsync(true);
    writer.close();
    broker.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Answers CONNECT, then on `send` keeps WINDOW QoS 1 messages unacknowledged until `total` are. */
async function standInBroker() {
  let peer: Socket | undefined;
  let onPuback: (() => void) | undefined;
  const server = createServer((socket) => {
    peer = socket;
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      // What the client sends (CONNECT, PUBACK, PINGREQ) has a remaining length under 128.
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      for (; at + 2 <= pending.length && at + 2 + (pending[at + 1] as number) <= pending.length; ) {
        const type = (pending[at] as number) >> 4;
        if (type === 1) socket.write(Buffer.from([0x20, 0x02, 0x00, 0x00]));
        else if (type === 12) socket.write(Buffer.from([0xd0, 0x00]));
        else if (type === 4) onPuback?.();
        at += 2 + (pending[at + 1] as number);
      }
      pending = pending.subarray(at);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const topics = Array.from({ length: DESKS }, (_, i) =>
    Buffer.from(`prossima/bench/desk/d-${String(i).padStart(4, '0')}/state`),
  );
  return {
    port: (server.address() as AddressInfo).port,
    send: (total: number) =>
      new Promise<void>((resolve) => {
        let sent = 0;
        let acked = 0;
        const more = (count: number) => {
          const packets: Buffer[] = [];
          for (const end = Math.min(total, sent + count); sent < end; sent += 1)
            packets.push(publish(topics, sent));
          peer?.write(Buffer.concat(packets));
        };
        let freed = 0;
        onPuback = () => {
          acked += 1;
          freed += 1;
          if (acked === total) resolve();
          // In steps of a tenth of the window, as a broker's writes gather what is queued.
          else if (freed >= WINDOW / 10) {
            more(freed);
            freed = 0;
          }
        };
        more(WINDOW);
      }),
    close: () => {
      peer?.destroy();
      server.close();
    },
  };
}

/** A QoS 1 PUBLISH of a desk state. */
function publish(topics: Buffer[], n: number): Buffer {
  const topic = topics[n % topics.length] as Buffer;
  const payload = Buffer.from(`{"occupied":${n % 2 === 0},"ts":${1_790_000_000_000 + n},"seq":${n}}`);
  const id = (n % 65_535) + 1;
  const lengths = [topic.length >> 8, topic.length & 0xff];
  return withHeader(
    0x32,
    Buffer.concat([Buffer.from(lengths), topic, Buffer.from([id >> 8, id & 0xff]), payload]),
  );
}
