import { createServer, Socket } from 'node:net';
import { CoalescingSocket } from '../ingest/coalescing-socket.ts';
import type { BenchResult } from './measure.ts';

// How ingest's PUBACKs leave (ingest/coalescing-socket.ts): groups of 500, each written as MQTT.js
// writes one (its own cork, three chunks, uncorked on the next tick) inside a socket corked for the
// group, as intake holds it until the log is written. Baseline: a plain net.Socket, the same way.
// Figures are PUBACKs per second of this process's CPU time (the receiving end runs here too).
const GROUPS = 400;
const PER_GROUP = 500;

export async function benchPubackWrite(): Promise<BenchResult[]> {
  const server = createServer((peer) => peer.resume());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const target = { host: '127.0.0.1', port: address.port };
  const ids = Array.from({ length: PER_GROUP }, (_, i) => Buffer.from([i >> 8, i & 0xff]));
  const ways = {
    plain: () => new Socket().connect(target),
    coalescing: () => new CoalescingSocket().open(target),
  };
  const best = { plain: 0, coalescing: 0 };
  try {
    // Alternated and repeated, best of three each: the machine's own swings are larger than the gap.
    for (let round = 0; round < 3; round += 1) {
      for (const way of ['plain', 'coalescing'] as const) {
        const socket = ways[way]();
        await new Promise((resolve) => socket.once('connect', resolve));
        best[way] = Math.max(best[way], await acksPerCpuSecond(socket, ids));
        socket.destroy();
      }
    }
  } finally {
    server.close();
  }
  return [
    { name: 'net.Socket (baseline), PUBACKs/s', perSecond: best.plain },
    { name: 'CoalescingSocket, PUBACKs/s', perSecond: best.coalescing, ratio: best.coalescing / best.plain },
  ];
}

async function acksPerCpuSecond(socket: Socket, ids: Buffer[]): Promise<number> {
  const header = Buffer.from([0x40]);
  const length = Buffer.from([0x02]);
  const uncork = () => socket.uncork();
  const started = process.cpuUsage();
  for (let group = 0; group < GROUPS; group += 1) {
    socket.cork();
    for (const id of ids) {
      socket.cork();
      socket.write(header);
      socket.write(length);
      socket.write(id);
      process.nextTick(uncork);
    }
    await new Promise((resolve) => setImmediate(resolve));
    socket.uncork();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const used = process.cpuUsage(started);
  return ((GROUPS * PER_GROUP) / (used.user + used.system)) * 1e6;
}
