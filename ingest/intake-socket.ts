import { CoalescingSocket } from './coalescing-socket.ts';
import { frameEnd, INCOMPLETE, MALFORMED, PUBLISH, type PublishView, readPublish } from './mqtt-frames.ts';

// The TCP socket ingest's events arrive on. Each whole PUBLISH packet in the received bytes is first
// offered to intake, which appends it to the log straight from those bytes and queues its PUBACK
// here; what intake declines, and every other packet, goes on to MQTT.js as whole packets, in order.
// MQTT.js still connects, subscribes, keeps the connection alive and reconnects; it no longer parses
// each message into objects, calls our handler and writes its PUBACK in three pieces, which took
// about 30 % of ingest's busy time at full rate (MQTT.js, mqtt-packet, bl and debug in a profile).

/**
 * Takes the PUBLISH packet read into `publish`, its payload running to `end` of `bytes` (views into
 * the received bytes, valid only during the call), or declines it (false) for MQTT.js to hand over.
 */
export type PublishTaker = (
  socket: IntakeSocket,
  bytes: Buffer,
  publish: PublishView,
  end: number,
) => boolean;

export class IntakeSocket extends CoalescingSocket {
  readonly #take: PublishTaker;
  /** A packet's first bytes waiting for the rest, and how many bytes it needs in all. */
  #carry: Buffer[] = [];
  #carryBytes = 0;
  readonly #need = { bytes: 0 };
  /** After bytes that are not MQTT, everything goes to MQTT.js, which closes the connection. */
  #lost = false;
  readonly #publish: PublishView = {
    qos: 0,
    retain: false,
    topicStart: 0,
    topicEnd: 0,
    messageId: 0,
    payloadStart: 0,
  };
  readonly #puback = Buffer.from([0x40, 0x02, 0, 0]);

  constructor(take: PublishTaker) {
    super();
    this.#take = take;
  }

  /** Queues a PUBACK; while corked it is copied into the group's one buffer, so no allocation. */
  ack(messageId: number): void {
    this.#puback[2] = messageId >> 8;
    this.#puback[3] = messageId & 0xff;
    this.write(this.writableCorked > 0 ? this.#puback : Buffer.from(this.#puback));
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (!Buffer.isBuffer(chunk) || this.#lost) {
      const carried = this.#takeCarry();
      if (carried) super.push(carried);
      return super.push(chunk, encoding);
    }
    let bytes = chunk;
    if (this.#carryBytes > 0) {
      this.#carry.push(chunk);
      this.#carryBytes += chunk.length;
      // A large message comes in many reads: joined once, when it is whole.
      if (this.#need.bytes > 0 && this.#carryBytes < this.#need.bytes) return true;
      bytes = this.#takeCarry() as Buffer;
    }
    return this.#split(bytes);
  }

  #takeCarry(): Buffer | undefined {
    if (this.#carryBytes === 0) return undefined;
    const joined = this.#carry.length === 1 ? this.#carry[0] : Buffer.concat(this.#carry, this.#carryBytes);
    this.#carry = [];
    this.#carryBytes = 0;
    return joined;
  }

  /** Offers each whole PUBLISH to intake; pushes the rest on to MQTT.js; keeps a packet cut short. */
  #split(bytes: Buffer): boolean {
    let flowing = true;
    let passFrom = -1;
    let at = 0;
    while (at < bytes.length) {
      const end = frameEnd(bytes, at, this.#need);
      if (end === INCOMPLETE) break;
      if (end === MALFORMED) {
        this.#lost = true;
        if (passFrom < 0) passFrom = at;
        at = bytes.length;
        break;
      }
      const taken =
        (bytes[at] as number) >> 4 === PUBLISH &&
        readPublish(bytes, at, end, this.#publish) &&
        this.#take(this, bytes, this.#publish, end);
      if (!taken && passFrom < 0) passFrom = at;
      if (taken && passFrom >= 0) {
        flowing = super.push(bytes.subarray(passFrom, at));
        passFrom = -1;
      }
      at = end;
    }
    if (passFrom >= 0) flowing = super.push(bytes.subarray(passFrom, at));
    if (at < bytes.length) {
      this.#carry.push(bytes.subarray(at));
      this.#carryBytes = bytes.length - at;
    }
    return flowing;
  }
}
