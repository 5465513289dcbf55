import { connect, type Socket } from 'node:net';

// Just enough MQTT 3.1.1 for a load generator: CONNECT, QoS 1 PUBLISH, PUBACK, DISCONNECT, over a
// plain socket. MQTT.js spends ~20 µs of CPU per message published; on a two-core machine that is
// taken from the broker and ingest it measures, where devices in the field bring their own CPU.

export type WireOptions = { url: string; clientId: string; username?: string; password?: string };

export type WireClient = {
  /** Queues a QoS 1 PUBLISH; everything queued in one turn goes out in one write. */
  publish(topic: string, payload: string, onAck: () => void): void;
  end(): Promise<void>;
};

const text = (s: string) => {
  const bytes = Buffer.from(s);
  const out = Buffer.allocUnsafe(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  bytes.copy(out, 2);
  return out;
};

function withHeader(first: number, body: Buffer): Buffer {
  const length: number[] = [];
  let n = body.length;
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    length.push(byte);
  } while (n > 0);
  return Buffer.concat([Buffer.from([first, ...length]), body]);
}

function connectPacket(o: WireOptions): Buffer {
  const flags = 0x02 | (o.username !== undefined ? 0x80 : 0) | (o.password !== undefined ? 0x40 : 0);
  const parts = [text('MQTT'), Buffer.from([4, flags, 0, 60]), text(o.clientId)];
  if (o.username !== undefined) parts.push(text(o.username));
  if (o.password !== undefined) parts.push(text(o.password));
  return withHeader(0x10, Buffer.concat(parts));
}

export async function connectWire(options: WireOptions): Promise<WireClient> {
  const url = new URL(options.url);
  if (url.protocol !== 'mqtt:') throw new Error(`mqtt:// only, not ${url.protocol}`);
  const socket: Socket = connect(Number(url.port || 1883), url.hostname);
  socket.setNoDelay(true);
  const acks: Array<(() => void) | undefined> = [];
  let nextId = 0;
  let pending: Buffer[] = [];
  let connected: (() => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  let buffered: Buffer = Buffer.alloc(0);

  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    let at = 0;
    // Only CONNACK (4 bytes) and PUBACK (4 bytes) come back to a client that never subscribes.
    while (buffered.length - at >= 4) {
      const type = buffered[at] as number;
      if (type === 0x20) {
        if (buffered[at + 3] === 0) connected?.();
        else failed?.(new Error(`CONNACK refused: ${buffered[at + 3]}`));
      } else if (type === 0x40) {
        const id = buffered.readUInt16BE(at + 2);
        const onAck = acks[id];
        acks[id] = undefined;
        onAck?.();
      } else {
        socket.destroy(new Error(`unexpected packet 0x${type.toString(16)}`));
        return;
      }
      at += 4;
    }
    buffered = buffered.subarray(at);
  });
  await new Promise<void>((resolve, reject) => {
    connected = resolve;
    failed = reject;
    socket.once('error', reject);
    socket.once('connect', () => socket.write(connectPacket(options)));
  });

  const flush = () => {
    const out = pending;
    pending = [];
    socket.write(out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out));
  };
  return {
    publish(topic, payload, onAck) {
      nextId = (nextId % 65_535) + 1;
      acks[nextId] = onAck;
      // One buffer per message, written in place: header, remaining length, topic, packet id, payload.
      const topicBytes = Buffer.byteLength(topic);
      const payloadBytes = Buffer.byteLength(payload);
      const remaining = 2 + topicBytes + 2 + payloadBytes;
      const lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : 3;
      const packet = Buffer.allocUnsafe(1 + lengthBytes + remaining);
      packet[0] = 0x32;
      let at = 1;
      for (let n = remaining; ; ) {
        const byte = n % 128;
        n = Math.floor(n / 128);
        packet[at++] = n > 0 ? byte | 0x80 : byte;
        if (n === 0) break;
      }
      packet.writeUInt16BE(topicBytes, at);
      at += 2 + packet.write(topic, at + 2);
      packet.writeUInt16BE(nextId, at);
      packet.write(payload, at + 2);
      if (pending.length === 0) setImmediate(flush);
      pending.push(packet);
    },
    async end() {
      socket.end(Buffer.from([0xe0, 0]));
      await new Promise((resolve) => socket.once('close', resolve));
    },
  };
}
