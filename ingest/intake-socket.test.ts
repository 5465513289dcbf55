import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { IntakeSocket, type PublishTaker } from './intake-socket.ts';

// Packets as a broker sends them, built byte by byte (MQTT 3.1.1, section 3).
const CONNACK = Buffer.from([0x20, 0x02, 0x00, 0x00]);
const PINGRESP = Buffer.from([0xd0, 0x00]);
const SUBACK = Buffer.from([0x90, 0x03, 0x00, 0x01, 0x01]);

type Message = { topic: string; payload: Buffer; qos: number; messageId: number; retain: boolean };

function publishPacket(m: Message): Buffer {
  const topic = Buffer.from(m.topic);
  const id = m.qos > 0 ? [m.messageId >> 8, m.messageId & 0xff] : [];
  const body = Buffer.concat([
    Buffer.from([topic.length >> 8, topic.length & 0xff]),
    topic,
    Buffer.from(id),
    m.payload,
  ]);
  const length: number[] = [];
  let n = body.length;
  do {
    length.push((n % 128) | (n >= 128 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return Buffer.concat([Buffer.from([0x30 | (m.qos << 1) | (m.retain ? 1 : 0), ...length]), body]);
}

const desk: Message = {
  topic: 'prossima/demo/desk/a-01/state',
  payload: Buffer.from('{"occupied":true,"ts":1764000000000,"seq":7}'),
  qos: 1,
  messageId: 513,
  retain: false,
};
const retained: Message = {
  topic: 'prossima/demo/door/main/count',
  payload: Buffer.from('{}'),
  qos: 0,
  messageId: 0,
  retain: true,
};
// 20 KB: a remaining length of three bytes, and many reads for one packet.
const large: Message = {
  ...desk,
  topic: 'prossima/demo/desk/é/state',
  payload: Buffer.alloc(20_000, 'x'),
  messageId: 65535,
};

const stream = Buffer.concat([
  CONNACK,
  publishPacket(desk),
  publishPacket(retained),
  PINGRESP,
  publishPacket(large),
  SUBACK,
]);

/** Feeds `bytes` to a socket in pieces of `size`; what it took, and what it handed on to MQTT.js. */
async function feed(bytes: Buffer, size: number, decide: (m: Message) => boolean = () => true) {
  const taken: Message[] = [];
  const take: PublishTaker = (_socket, buf, p, end) => {
    const message = {
      topic: buf.toString('utf8', p.topicStart, p.topicEnd),
      payload: Buffer.from(buf.subarray(p.payloadStart, end)),
      qos: p.qos,
      messageId: p.messageId,
      retain: p.retain,
    };
    if (!decide(message)) return false;
    taken.push(message);
    return true;
  };
  const socket = new IntakeSocket(take);
  const passed: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => passed.push(Buffer.from(chunk)));
  for (let at = 0; at < bytes.length; at += size) socket.push(bytes.subarray(at, at + size));
  await new Promise((resolve) => setImmediate(resolve));
  socket.destroy();
  return { taken, passed: Buffer.concat(passed) };
}

describe('the socket ingest reads its events from', () => {
  it('offers each whole PUBLISH, however the bytes are cut, and hands MQTT.js the rest whole and in order', async () => {
    for (const size of [1, 2, 3, 7, 64, 1460, 65_536, stream.length]) {
      const { taken, passed } = await feed(stream, size);
      expect(taken, `in pieces of ${size}`).toEqual([desk, retained, large]);
      expect(passed.equals(Buffer.concat([CONNACK, PINGRESP, SUBACK])), `in pieces of ${size}`).toBe(true);
    }
  });

  it('hands each PUBLISH it was not allowed to take on to MQTT.js, in its place', async () => {
    const { taken, passed } = await feed(stream, 1460, (m) => m.retain);
    expect(taken).toEqual([retained]);
    const expected = Buffer.concat([CONNACK, publishPacket(desk), PINGRESP, publishPacket(large), SUBACK]);
    expect(passed.equals(expected)).toBe(true);
  });

  it('leaves to MQTT.js what is not a PUBLISH it would accept, and bytes that are not MQTT at all', async () => {
    const qos3 = Buffer.from(publishPacket(desk));
    qos3[0] = 0x36;
    const noId = publishPacket({ ...desk, messageId: 0 });
    const topicTooLong = Buffer.from(publishPacket(desk));
    topicTooLong[3] = 0xff;
    const odd = Buffer.concat([qos3, noId, topicTooLong]);
    expect(await feed(odd, 10)).toEqual({ taken: [], passed: odd });
    // A remaining length of five bytes: from there on, nothing is offered.
    const garbage = Buffer.concat([Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]), publishPacket(desk)]);
    expect(await feed(garbage, 3)).toEqual({ taken: [], passed: garbage });
  });

  it('writes the PUBACKs queued while corked as one buffer', async () => {
    const received: Buffer[] = [];
    const server = createServer((peer) => peer.on('data', (chunk) => received.push(chunk)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = new IntakeSocket(() => false).open({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
    });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.cork();
    socket.ack(1);
    socket.ack(0x1234);
    socket.uncork();
    socket.ack(0xffff);
    const want = Buffer.from([0x40, 2, 0, 1, 0x40, 2, 0x12, 0x34, 0x40, 2, 0xff, 0xff]);
    while (Buffer.concat(received).length < want.length)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(Buffer.concat(received).equals(want)).toBe(true);
    socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});
