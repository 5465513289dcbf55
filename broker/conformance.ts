import type { Client, ConnectPacket } from 'aedes';

// Where aedes 1.2 departs from MQTT 3.1.1, and our fix, each with the rule it restores. The probes
// that found them are in conformance.test.ts; docs/broker.md lists them for users.

/** Why a CONNECT breaks the protocol (the connection is closed without CONNACK), or undefined. */
export function connectViolation(packet: ConnectPacket): string | undefined {
  // [MQTT-3.1.2-22] mqtt-packet accepts a password without a user name.
  if (packet.password !== undefined && packet.username === undefined) {
    return '[MQTT-3.1.2-22] password flag set without user name flag';
  }
  if (packet.will) {
    // [MQTT-3.1.2-14] mqtt-packet accepts will QoS 3.
    if ((packet.will.qos as number) > 2) return '[MQTT-3.1.2-14] will QoS 3';
    // [MQTT-3.1.3-11] aedes publishes any will topic, wildcards and all.
    const bad = topicNameViolation(packet.will.topic);
    if (bad) return `will topic: ${bad}`;
  }
  return undefined;
}

/** Why a PUBLISH topic name is not valid (beyond what aedes checks), or undefined. */
// [MQTT-1.5.3-1] ill-formed UTF-8 must close the connection. mqtt-packet decodes it leniently, turning
// each bad sequence into U+FFFD, so that character is the trace it leaves; a well-formed U+FFFD is
// refused too, which no sensor topic (ids are [a-z0-9-]) can miss.
const ILL_FORMED = '[MQTT-1.5.3-1] ill-formed UTF-8 in topic';

export function topicNameViolation(topic: string): string | undefined {
  if (topic.length === 0) return '[MQTT-4.7.3-1] empty topic';
  // [MQTT-4.7.3-2] aedes accepts U+0000 in topics.
  if (topic.includes('\u0000')) return '[MQTT-4.7.3-2] null character in topic';
  if (topic.includes('\uFFFD')) return ILL_FORMED;
  if (topic.includes('+') || topic.includes('#')) return '[MQTT-3.3.2-2] wildcard in a topic name';
  return undefined;
}

/**
 * Why a topic filter is not valid, or undefined. aedes' own check lets `a+`, `+a`, `a#` and `a/+b` through.
 */
export function filterViolation(filter: string): string | undefined {
  if (filter.length === 0) return '[MQTT-4.7.3-1] empty topic filter';
  if (filter.includes('\u0000')) return '[MQTT-4.7.3-2] null character in topic filter';
  if (filter.includes('\uFFFD')) return ILL_FORMED;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    // [MQTT-4.7.1-2] `#` alone in the last level.
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return '[MQTT-4.7.1-2] # must be alone in the last level';
    }
    // [MQTT-4.7.1-3] `+` must occupy a whole level.
    if (level.includes('+') && level !== '+') return '[MQTT-4.7.1-3] + must occupy a whole level';
  }
  return undefined;
}

const PLUS = 0x2b;
const HASH = 0x23;
const DOLLAR = 0x24;

/**
 * Whether a valid filter matches a topic name, `$` topics excepted for leading wildcards [MQTT-4.7.2-1].
 * It runs for every message and every subscription of its receiver (`grantedQos`), so it walks both
 * strings level by level instead of splitting them: two arrays and a string per level each time.
 */
export function filterMatches(filter: string, topic: string): boolean {
  const first = filter.charCodeAt(0);
  if (topic.charCodeAt(0) === DOLLAR && (first === PLUS || first === HASH)) return false;
  let f = 0;
  let t = 0;
  for (;;) {
    const fEnd = levelEnd(filter, f);
    // `#` is the last level of a valid filter, and matches the parent level too.
    if (fEnd - f === 1 && filter.charCodeAt(f) === HASH) return true;
    if (t > topic.length) return false;
    const tEnd = levelEnd(topic, t);
    if (!(fEnd - f === 1 && filter.charCodeAt(f) === PLUS) && !sameLevel(filter, f, fEnd, topic, t, tEnd)) {
      return false;
    }
    if (fEnd === filter.length) return tEnd === topic.length;
    f = fEnd + 1;
    t = tEnd + 1;
  }
}

/** Where the level starting at `from` ends: the next `/`, or the end. */
function levelEnd(s: string, from: number): number {
  const slash = s.indexOf('/', from);
  return slash === -1 ? s.length : slash;
}

function sameLevel(a: string, aFrom: number, aEnd: number, b: string, bFrom: number, bEnd: number): boolean {
  if (aEnd - aFrom !== bEnd - bFrom) return false;
  for (let i = 0; i < aEnd - aFrom; i++)
    if (a.charCodeAt(aFrom + i) !== b.charCodeAt(bFrom + i)) return false;
  return true;
}

type WithSubscriptions = { subscriptions: Record<string, { qos: number }> };

/** The highest QoS granted to the client among its subscriptions matching `topic`; -1 when none does. */
export function grantedQos(client: Client, topic: string): number {
  // aedes keeps the session's subscriptions (live and restored) on the client; 1.2.0 is pinned.
  const subscriptions = (client as unknown as WithSubscriptions).subscriptions;
  let granted = -1;
  for (const filter in subscriptions) {
    const qos = subscriptions[filter]?.qos ?? 0;
    if (qos > granted && filterMatches(filter, topic)) granted = qos;
  }
  return granted;
}

type WithDeliver = { deliver0: (packet: { topic: string; qos: number }, done: () => void) => void };

/**
 * [MQTT-3.3.5-1] With overlapping subscriptions the message must go out at the highest QoS among them.
 * aedes delivers through whichever matching subscription runs first and drops the rest as duplicates,
 * so a QoS 0 `a/#` can win over a QoS 1 `a/+`. This makes the QoS 0 path step aside whenever a QoS 1
 * or 2 subscription of the same client also matches: that one delivers it. Call before the client
 * subscribes (aedes picks the function at subscribe time).
 */
export function deliverAtHighestQos(client: Client): void {
  const target = client as unknown as WithDeliver;
  const deliver0 = target.deliver0;
  target.deliver0 = (packet, done) => {
    if (packet.qos > 0 && grantedQos(client, packet.topic) > 0) {
      setImmediate(done);
      return;
    }
    deliver0(packet, done);
  };
}

type Outgoing = { cmd?: string; messageId?: number; dup?: boolean };
type OutgoingStore = { outgoingStream(client: unknown): AsyncIterable<Outgoing> };

/**
 * [MQTT-3.3.1-1] DUP must be 1 when a PUBLISH is delivered again. aedes resends a persistent session's
 * unacknowledged QoS 1/2 messages with DUP 0. In its outgoing store a message that was already sent
 * carries its packet id (one queued while the client was away has none yet), so that marks a resend.
 * The store's stream (a Readable in memory, an async generator in Redis) is read as an async iterable.
 */
export function markRedeliveries(store: OutgoingStore): void {
  const stream = store.outgoingStream.bind(store);
  store.outgoingStream = (client) => marked(stream(client));
}

async function* marked(packets: AsyncIterable<Outgoing>): AsyncIterable<Outgoing> {
  for await (const packet of packets) {
    if (packet.cmd === 'publish' && packet.messageId) packet.dup = true;
    yield packet;
  }
}
