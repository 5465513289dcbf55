import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { NumberIndex } from './number-index.ts';

// The messages queued for persistent sessions, in memory, with indexes. aedes-persistence keeps each
// client's queue as an array it scans on every delivery and splices on every PUBACK, so one PUBACK
// costs time in proportion to the queue: ingest coming back to 50,000 queued messages needed 6.5 s
// to drain them, 20,000 took 1.1 s. Here a delivery and a PUBACK find their message through a map,
// and the queue is an array consumed from its head.
//
// The answers are the same as aedes-persistence's, call for call (outgoing-queues.test.ts runs both
// on the same random calls): the first queued message, in queue order, that the scan would have found.

const require = createRequire(import.meta.url);
type PacketCopy = new (original: QueuedPacket) => QueuedPacket;
// aedes-persistence copies each packet as it queues it (aedes changes the one it delivers).
const { Packet } = require('aedes-persistence/asyncPersistence.js') as { Packet: PacketCopy };

export type QueuedPacket = {
  cmd?: string;
  topic?: string;
  qos?: number;
  messageId?: number | undefined;
  brokerId?: string | undefined;
  brokerCounter?: number | undefined;
};
type Client = { id: string };
type Sub = { clientId: string };
type Entry = { packet: QueuedPacket; pos: number; live: boolean };
/** An index's value: the one entry under a key (nearly always), or the several, in no order. */
type Slot = Entry | Entry[];

/** The outgoing part of aedes' persistence contract, which `install` replaces. */
export type OutgoingMethods = {
  outgoingEnqueue(sub: Sub, packet: QueuedPacket): Promise<void>;
  outgoingEnqueueCombi(subs: Sub[], packet: QueuedPacket): Promise<void>;
  outgoingUpdate(client: Client, packet: QueuedPacket): Promise<void>;
  outgoingClearMessageId(client: Client, packet: QueuedPacket): Promise<QueuedPacket | undefined>;
  outgoingStream(client: Client): Readable;
};

/**
 * Replaces the outgoing-queue methods of aedes' in-memory persistence with indexed queues. Returns a
 * count of the messages queued, and not yet acknowledged, for the clients not connected now.
 */
export function installOutgoingQueues(
  persistence: OutgoingMethods,
): (connected: (clientId: string) => boolean) => number {
  const queues = new Map<string, ClientQueue>();
  const queueOf = (id: string) => {
    let queue = queues.get(id);
    if (!queue) {
      queue = new ClientQueue();
      queues.set(id, queue);
    }
    return queue;
  };
  // Plain functions returning settled promises: aedes calls these for every message, and an async
  // function's machinery is measurable at that rate.
  persistence.outgoingEnqueue = (sub, packet) => {
    queueOf(sub.clientId).enqueue(new Packet(packet));
    return DONE;
  };
  persistence.outgoingEnqueueCombi = (subs, packet) => {
    for (const sub of subs) queueOf(sub.clientId).enqueue(new Packet(packet));
    return DONE;
  };
  persistence.outgoingUpdate = (client, packet) => {
    try {
      queueOf(client.id).update(packet);
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  persistence.outgoingClearMessageId = (client, packet) =>
    Promise.resolve(queues.get(client.id)?.clear(packet.messageId));
  persistence.outgoingStream = (client) => Readable.from(queues.get(client.id)?.packets() ?? []);
  return (connected) => {
    let total = 0;
    for (const [id, queue] of queues) if (!connected(id)) total += queue.size;
    return total;
  };
}

const DONE: Promise<void> = Promise.resolve();

/** One client's queue: entries in order, consumed from `head`, found through two indexes. */
class ClientQueue {
  private entries: Entry[] = [];
  private head = 0;
  private nextPos = 0;
  /** By broker counter (numbers hash faster than strings); the broker id is checked on lookup. */
  private readonly byCounter = new NumberIndex<Slot>();
  /** Live entries: messages queued and not yet acknowledged. */
  size = 0;
  /** Only messages sent under an id: the queued rest all have none, and are found by scanning. */
  private readonly byMessageId = new NumberIndex<Slot>();

  enqueue(packet: QueuedPacket): void {
    const entry: Entry = { packet, pos: this.nextPos++, live: true };
    this.entries.push(entry);
    this.size += 1;
    add(this.byCounter, packet.brokerCounter, entry);
    if (packet.messageId !== undefined) add(this.byMessageId, packet.messageId, entry);
  }

  /** The first live entry under `messageId` whose broker passes `broker`. */
  private withId(messageId: number | undefined, broker: BrokerTest, brokerId?: string): Entry | undefined {
    if (messageId !== undefined) return first(this.byMessageId.get(messageId), broker, brokerId);
    // Rare (aedes clears a clean session's queue this way): messages never sent, in queue order.
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (entry?.live && entry.packet.messageId === undefined && passes(entry, broker, brokerId))
        return entry;
    }
    return undefined;
  }

  private setId(entry: Entry, messageId: number | undefined): void {
    if (entry.packet.messageId !== undefined) remove(this.byMessageId, entry.packet.messageId, entry);
    entry.packet.messageId = messageId;
    if (messageId !== undefined) add(this.byMessageId, messageId, entry);
  }

  /** A message went out under `packet.messageId`, or a PUBREL took the place of its PUBLISH. */
  update(packet: QueuedPacket): void {
    const same = first(this.byCounter.get(packet.brokerCounter), 'same', packet.brokerId);
    const other = this.withId(packet.messageId, 'other', packet.brokerId);
    if (same && (!other || same.pos < other.pos)) {
      this.setId(same, packet.messageId);
    } else if (other) {
      remove(this.byCounter, other.packet.brokerCounter, other);
      other.packet = packet;
      add(this.byCounter, packet.brokerCounter, other);
    } else {
      throw new Error('no such packet');
    }
  }

  clear(messageId: number | undefined): QueuedPacket | undefined {
    const entry = this.withId(messageId, 'any');
    if (!entry) return undefined;
    entry.live = false;
    this.size -= 1;
    if (messageId !== undefined) remove(this.byMessageId, messageId, entry);
    remove(this.byCounter, entry.packet.brokerCounter, entry);
    this.compact();
    return entry.packet;
  }

  packets(): QueuedPacket[] {
    const out: QueuedPacket[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (entry?.live) out.push(entry.packet);
    }
    return out;
  }

  private compact(): void {
    while (this.head < this.entries.length && !this.entries[this.head]?.live) this.head += 1;
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

// An index holds only live entries, and one per key, unless more than 65,535 messages are in flight
// (message ids repeat) or a client's subscriptions overlap: then a list. A list for every key cost an
// array per message, and at full rate the broker's collector is a tenth of its time.
function add(index: NumberIndex<Slot>, key: number | undefined, entry: Entry): void {
  const slot = index.get(key);
  if (slot === undefined) index.set(key, entry);
  else if (Array.isArray(slot)) slot.push(entry);
  else index.set(key, [slot, entry]);
}

function remove(index: NumberIndex<Slot>, key: number | undefined, entry: Entry): void {
  const slot = index.get(key);
  if (slot === entry) index.delete(key);
  if (!Array.isArray(slot)) return;
  const at = slot.indexOf(entry);
  if (at >= 0) slot.splice(at, 1);
  if (slot.length === 0) index.delete(key);
}

/**
 * Which broker an entry's message must come from: any, the same as `brokerId`, or another. A code,
 * not a predicate closure: this runs for every delivery and PUBACK.
 */
type BrokerTest = 'any' | 'same' | 'other';

function passes(entry: Entry, broker: BrokerTest, brokerId: string | undefined): boolean {
  return broker === 'any' || (entry.packet.brokerId === brokerId) === (broker === 'same');
}

/** The entry queued first among those whose broker passes `broker`. */
function first(slot: Slot | undefined, broker: BrokerTest, brokerId?: string): Entry | undefined {
  if (slot === undefined) return undefined;
  if (!Array.isArray(slot)) return passes(slot, broker, brokerId) ? slot : undefined;
  let found: Entry | undefined;
  for (const entry of slot) {
    if (passes(entry, broker, brokerId) && (!found || entry.pos < found.pos)) found = entry;
  }
  return found;
}
