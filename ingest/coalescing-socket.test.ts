import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CoalescingSocket } from './coalescing-socket.ts';

type Received = { bytes: () => Buffer; closed: Promise<void> };

async function listen(): Promise<{ server: Server; port: number; next: Promise<Received> }> {
  let accept: (r: Received) => void = () => {};
  const next = new Promise<Received>((resolve) => {
    accept = resolve;
  });
  const server = createServer((peer: Socket) => {
    const chunks: Buffer[] = [];
    peer.on('data', (chunk) => chunks.push(chunk));
    const closed = new Promise<void>((resolve) => peer.on('close', () => resolve()));
    accept({ bytes: () => Buffer.concat(chunks), closed });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, next };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('CoalescingSocket', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function connected() {
    const listening = await listen();
    server = listening.server;
    const socket = new CoalescingSocket().open({ host: '127.0.0.1', port: listening.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    return { socket, peer: await listening.next };
  }

  it('holds what is written while corked until the last uncork, then sends it in one write, in order', async () => {
    const { socket, peer } = await connected();
    // What the stream hands the kernel: one entry per write(v) call, the size of each buffer in it.
    const handed: number[][] = [];
    const write = socket._write.bind(socket);
    const writev = socket._writev?.bind(socket);
    socket._write = (chunk, encoding, callback) => {
      handed.push([chunk.length]);
      write(chunk, encoding, callback);
    };
    if (writev) {
      socket._writev = (chunks, callback) => {
        handed.push(chunks.map(({ chunk }) => chunk.length));
        writev(chunks, callback);
      };
    }
    socket.cork();
    const expected: number[] = [];
    for (let id = 0; id < 300; id += 1) {
      // As MQTT.js writes a PUBACK: its own cork, three chunks, uncorked on the next tick.
      socket.cork();
      socket.write(Buffer.from([0x40]));
      socket.write(Buffer.from([0x02]));
      socket.write(Buffer.from([id >> 8, id & 0xff]));
      process.nextTick(() => socket.uncork());
      expected.push(0x40, 0x02, id >> 8, id & 0xff);
    }
    await settle();
    expect(peer.bytes().length).toBe(0);
    socket.uncork();
    await settle();
    expect(peer.bytes()).toEqual(Buffer.from(expected));
    expect(handed).toEqual([[1200]]);
    socket.destroy();
  });

  it('keeps the order of writes it passes through (strings, callbacks) among corked ones', async () => {
    const { socket, peer } = await connected();
    socket.cork();
    socket.write(Buffer.from('a'));
    socket.write('b');
    let called = false;
    socket.write(Buffer.from('c'), () => {
      called = true;
    });
    socket.write(Buffer.from('d'));
    socket.uncork();
    socket.write(Buffer.from('e'));
    await settle();
    expect(peer.bytes().toString()).toBe('abcde');
    expect(called).toBe(true);
    socket.destroy();
  });

  it('sends nothing it held when destroyed while corked', async () => {
    const { socket, peer } = await connected();
    socket.write(Buffer.from('sent'));
    socket.cork();
    socket.write(Buffer.from('held'));
    await settle();
    socket.destroy();
    await peer.closed;
    expect(peer.bytes().toString()).toBe('sent');
  });

  it('sends what it held when ended while corked', async () => {
    const { socket, peer } = await connected();
    socket.cork();
    socket.write(Buffer.from('last words'));
    socket.end();
    await peer.closed;
    expect(peer.bytes().toString()).toBe('last words');
  });
});
