import { crc32Of } from './crc32.ts';
import type { PublishView } from './mqtt-frames.ts';

// One write-ahead-log record: the raw MQTT message as it arrived, before any validation, so a bad
// payload is kept byte for byte and a replay decides exactly as the first pass did.
//
//   [u32 body length][u32 CRC-32 of body][body]
//   body = [f64 receivedAt][u8 flags][u16 topic length][topic, UTF-8][payload bytes]
//   flags: bit 0 retain; bit 1 cut: the payload bytes are [u32 whole length][its first KEPT_PAYLOAD_BYTES]
//
// The CRC tells a record cut short or scrambled by a crash (a "torn" record) from a whole one.

/** A message as the log keeps it. */
export type WalEntry = {
  topic: string;
  payload: Buffer;
  receivedAt: number;
  retain: boolean;
  /** Set when the payload was longer than the log keeps (`payload` is its start): its whole length. */
  wholeBytes?: number;
};

const HEAD = 8;
const FIXED = 11;
const RETAIN = 1;
const CUT = 2;
/** Far larger than any record written: a length beyond it can only be a torn record's. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * A longer payload is kept cut to this, behind its whole length. It can only be a dead letter (the
 * protocol allows 4 KiB, the embedded broker 16 KiB), but another broker may pass up to 256 MB:
 * whole, it would cost that much memory, and past MAX_BODY_BYTES the reader would take it for a
 * torn record and skip the records after it.
 */
export const KEPT_PAYLOAD_BYTES = 64 * 1024;

/** The most bytes `encodeEntryInto` can write for `entry` (UTF-8 takes at most 3 bytes a UTF-16 unit). */
export function maxEncodedBytes(entry: WalEntry): number {
  return HEAD + FIXED + entry.topic.length * 3 + keptBytes(entry.payload.length);
}

/** Writes `entry` as one record into `out` at `at` (room for `maxEncodedBytes`); returns its length. */
export function encodeEntryInto(entry: WalEntry, out: Buffer, at: number): number {
  const start = at + HEAD;
  out.writeDoubleLE(entry.receivedAt, start);
  const topicBytes = writeTopic(entry.topic, out, start + FIXED);
  out.writeUInt16LE(topicBytes, start + 9);
  const { payload } = entry;
  const payloadBytes = writePayload(payload, 0, payload.length, out, start + FIXED + topicBytes);
  out[start + 8] = flags(entry.retain, payload.length);
  return seal(out, at, FIXED + topicBytes + payloadBytes);
}

/**
 * Writes the PUBLISH packet read into `publish` (its payload runs to `end` of `src`) as one record into
 * `out` at `at` (room for `maxPublishBytes`); returns its length. The topic's bytes are copied as
 * they came, as `encodeEntryInto` writes a topic MQTT.js decoded from them.
 */
export function encodePublishInto(
  src: Uint8Array,
  publish: PublishView,
  end: number,
  receivedAt: number,
  out: Buffer,
  at: number,
): number {
  const start = at + HEAD;
  const topicBytes = publish.topicEnd - publish.topicStart;
  out.writeDoubleLE(receivedAt, start);
  out[start + 8] = flags(publish.retain, end - publish.payloadStart);
  out.writeUInt16LE(topicBytes, start + 9);
  out.set(src.subarray(publish.topicStart, publish.topicEnd), start + FIXED);
  const payloadBytes = writePayload(src, publish.payloadStart, end, out, start + FIXED + topicBytes);
  return seal(out, at, FIXED + topicBytes + payloadBytes);
}

/** The most bytes `encodePublishInto` writes for the packet read into `publish`. */
export function maxPublishBytes(publish: PublishView, end: number): number {
  return HEAD + FIXED + publish.topicEnd - publish.topicStart + keptBytes(end - publish.payloadStart);
}

function keptBytes(payloadBytes: number): number {
  return payloadBytes > KEPT_PAYLOAD_BYTES ? 4 + KEPT_PAYLOAD_BYTES : payloadBytes;
}

function flags(retain: boolean, payloadBytes: number): number {
  return (retain ? RETAIN : 0) | (payloadBytes > KEPT_PAYLOAD_BYTES ? CUT : 0);
}

/** Writes `src[from, to)` at `at`, cut behind its whole length when too long; returns the bytes written. */
function writePayload(src: Uint8Array, from: number, to: number, out: Buffer, at: number): number {
  if (to - from <= KEPT_PAYLOAD_BYTES) {
    out.set(src.subarray(from, to), at);
    return to - from;
  }
  out.writeUInt32LE(to - from, at);
  out.set(src.subarray(from, from + KEPT_PAYLOAD_BYTES), at + 4);
  return 4 + KEPT_PAYLOAD_BYTES;
}

/** Writes the record's length and checksum in front of its body; returns the record's length. */
function seal(out: Buffer, at: number, body: number): number {
  out.writeUInt32LE(body, at);
  out.writeUInt32LE(crc32Of(out, at + HEAD, at + HEAD + body), at + 4);
  return HEAD + body;
}

/** Writes `topic` as UTF-8 at `at`; returns its length. Topics are ASCII but for a rare few. */
function writeTopic(topic: string, out: Buffer, at: number): number {
  // Byte by byte: Buffer#write is a call into C++ that costs more than a topic's ~40 characters.
  for (let i = 0; i < topic.length; i++) {
    const code = topic.charCodeAt(i);
    if (code > 0x7f) return out.write(topic, at, 'utf8');
    out[at + i] = code;
  }
  return topic.length;
}

/** What `decodeEntries` found in a buffer: whole records, where they end, and why it stopped. */
export type Decoded = {
  entries: WalEntry[];
  /** Bytes consumed: the end of the last whole record. */
  used: number;
  /** `short`: the next record runs past the buffer (read more, or it is torn at a file's end). */
  stop: 'limit' | 'end' | 'short' | 'corrupt';
  /** With `short`: the bytes the next record needs in all. */
  need?: number;
};

/** Decodes up to `max` whole records from `buf`. Payloads are views into `buf`, not copies. */
export function decodeEntries(buf: Buffer, max: number): Decoded {
  const entries: WalEntry[] = [];
  let at = 0;
  while (entries.length < max) {
    if (at === buf.length) return { entries, used: at, stop: 'end' };
    if (buf.length - at < HEAD) return { entries, used: at, stop: 'short', need: HEAD };
    const body = buf.readUInt32LE(at);
    if (body < FIXED || body > MAX_BODY_BYTES) return { entries, used: at, stop: 'corrupt' };
    if (buf.length - at < HEAD + body) return { entries, used: at, stop: 'short', need: HEAD + body };
    const start = at + HEAD;
    if (crc32Of(buf, start, start + body) !== buf.readUInt32LE(at + 4)) {
      return { entries, used: at, stop: 'corrupt' };
    }
    if (FIXED + buf.readUInt16LE(start + 9) > body) return { entries, used: at, stop: 'corrupt' };
    entries.push(bodyEntry(buf, start, body));
    at = start + body;
  }
  return { entries, used: at, stop: 'limit' };
}

/** The record at `at` of bytes this process encoded itself (no checksum to check); its payload is a view into `buf`. */
export function ownEntryAt(buf: Buffer, at: number): WalEntry {
  return bodyEntry(buf, at + HEAD, buf.readUInt32LE(at));
}

/** Where the record at `at` ends. */
export function entryEnd(buf: Buffer, at: number): number {
  return at + HEAD + buf.readUInt32LE(at);
}

function bodyEntry(buf: Buffer, start: number, body: number): WalEntry {
  const topicEnd = start + FIXED + buf.readUInt16LE(start + 9);
  const flagged = buf[start + 8] ?? 0;
  const entry: WalEntry = {
    receivedAt: buf.readDoubleLE(start),
    retain: (flagged & RETAIN) !== 0,
    topic: buf.toString('utf8', start + FIXED, topicEnd),
    payload: buf.subarray(topicEnd, start + body),
  };
  if ((flagged & CUT) === 0) return entry;
  entry.wholeBytes = buf.readUInt32LE(topicEnd);
  entry.payload = buf.subarray(topicEnd + 4, start + body);
  return entry;
}
