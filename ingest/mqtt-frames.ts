// Finds whole MQTT 3.1.1 packets in the bytes a socket received, and reads a PUBLISH packet's
// header where it lies, so intake can take a message without MQTT.js building objects for it.

/** `frameEnd`'s answer when the bytes end before the packet does: wait for more. */
export const INCOMPLETE = -1;
/** `frameEnd`'s answer when the remaining length is not a valid variable-length integer. */
export const MALFORMED = -2;

/** The packet type's bits in a fixed header's first byte: PUBLISH is 3. */
export const PUBLISH = 3;

/**
 * Where the packet starting at `at` ends, INCOMPLETE, or MALFORMED. `need` is set, with
 * INCOMPLETE, to the bytes the whole packet takes once its length is known (0 if not yet).
 */
export function frameEnd(buf: Uint8Array, at: number, need: { bytes: number }): number {
  let remaining = 0;
  let multiplier = 1;
  let i = at + 1;
  for (let digits = 0; ; digits++) {
    if (digits === 4) return MALFORMED;
    if (i >= buf.length) {
      need.bytes = 0;
      return INCOMPLETE;
    }
    const byte = buf[i++] as number;
    remaining += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) break;
    multiplier *= 128;
  }
  const end = i + remaining;
  if (end > buf.length) {
    need.bytes = end - at;
    return INCOMPLETE;
  }
  return end;
}

/** Where a PUBLISH packet's parts lie; the fields are overwritten by each `readPublish`. */
export type PublishView = {
  qos: number;
  retain: boolean;
  topicStart: number;
  topicEnd: number;
  /** 0 at QoS 0, which has none. */
  messageId: number;
  payloadStart: number;
};

/**
 * Reads the PUBLISH packet in `buf[at, end)` into `view`; false for one the protocol forbids (QoS 3,
 * a message id of 0) or whose topic runs past the packet. Those are left to MQTT.js, which decides
 * what a broken packet means for the connection.
 */
export function readPublish(buf: Uint8Array, at: number, end: number, view: PublishView): boolean {
  const flags = (buf[at] as number) & 0x0f;
  const qos = (flags >> 1) & 3;
  if (qos === 3) return false;
  let i = at + 1;
  while (((buf[i++] as number) & 0x80) !== 0) {}
  if (i + 2 > end) return false;
  const topicStart = i + 2;
  const topicEnd = topicStart + (((buf[i] as number) << 8) | (buf[i + 1] as number));
  const idBytes = qos > 0 ? 2 : 0;
  if (topicEnd + idBytes > end) return false;
  const messageId = qos > 0 ? ((buf[topicEnd] as number) << 8) | (buf[topicEnd + 1] as number) : 0;
  if (qos > 0 && messageId === 0) return false;
  view.qos = qos;
  view.retain = (flags & 1) === 1;
  view.topicStart = topicStart;
  view.topicEnd = topicEnd;
  view.messageId = messageId;
  view.payloadStart = topicEnd + idBytes;
  return true;
}
