import { connect, type Socket } from 'node:net';

// Just enough MQTT 3.1.1 for a load generator: CONNECT, QoS 1 PUBLISH, PUBACK, DISCONNECT, over a
// plain socket. MQTT.js spends ~20 µs of CPU per message published; on a two-core machine that is
// taken from the broker and ingest it measures, where devices in the field bring their own CPU.
// Publishing allocates nothing per message: packets are written into the connection's buffer, the
// topic as bytes given and the payload by itself. With a buffer and a payload string per message, the
// generator ran 26 young-generation collections per 200,000 messages, pausing 0.42 µs per message
// (one run); now 3–5, pausing 0.01–0.06 µs (two runs).

export type WireOptions = { url: string; clientId: string; username?: string; password?: string };

/** A payload that writes its own bytes: `byteLength` of them, at `at`. */
export type WirePayload = { readonly byteLength: number; writeTo(out: Buffer, at: number): void };

export type WireClient = {
  /** Queues a QoS 1 PUBLISH; everything queued in one turn goes out in one write. */
  publish(topic: Buffer, payload: WirePayload, onAck: () => void): void;
  end(): Promise<void>;
};

/** Room for the packets of one turn; a turn that needs more gets a larger buffer. */
const BUFFER_BYTES = 64 * 1024;

const text = (s: string) => {
  const bytes = Buffer.from(s);
  const out = Buffer.allocUnsafe(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  bytes.copy(out, 2);
  return out;
};

/** A packet: its first byte, its remaining length as MQTT writes it, then `body`. */
export function withHeader(first: number, body: Buffer): Buffer {
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

  // Written buffers come back once the socket is done with them, so a turn rarely allocates one.
  const spare: Buffer[] = [];
  let out: Buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  const flush = () => {
    const written = out;
    socket.write(written.subarray(0, used), () => {
      if (written.length === BUFFER_BYTES) spare.push(written);
    });
    out = spare.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES);
    used = 0;
  };
  return {
    publish(topic, payload, onAck) {
      nextId = (nextId % 65_535) + 1;
      acks[nextId] = onAck;
      // Header, remaining length, topic, packet id, payload.
      const remaining = 2 + topic.length + 2 + payload.byteLength;
      const size = 1 + (remaining < 128 ? 1 : remaining < 16_384 ? 2 : 3) + remaining;
      if (used + size > out.length) {
        const larger = Buffer.allocUnsafe(2 * (used + size));
        out.copy(larger, 0, 0, used);
        out = larger;
      }
      if (used === 0) setImmediate(flush);
      let at = used;
      out[at++] = 0x32;
      for (let n = remaining; ; ) {
        const byte = n % 128;
        n = Math.floor(n / 128);
        out[at++] = n > 0 ? byte | 0x80 : byte;
        if (n === 0) break;
      }
      out[at++] = topic.length >> 8;
      out[at++] = topic.length & 0xff;
      out.set(topic, at);
      at += topic.length;
      out[at++] = nextId >> 8;
      out[at++] = nextId & 0xff;
      payload.writeTo(out, at);
      used = at + payload.byteLength;
    },
    async end() {
      socket.end(Buffer.from([0xe0, 0]));
      await new Promise((resolve) => socket.once('close', resolve));
    },
  };
}
