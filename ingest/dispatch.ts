import { decodeMessage, type SiteIndex, type TopicParser } from '../protocol/index.ts';
import type {
  DeadLetterRecord,
  DeskStateRecord,
  DeviceStatusRecord,
  DoorCountRecord,
} from '../store/records.ts';
import { handleDeskState } from './handlers/desk-state.ts';
import { handleDeviceStatus } from './handlers/device-status.ts';
import { handleDoorCount } from './handlers/door-count.ts';

export type DispatchContext = {
  sites: ReadonlyMap<string, SiteIndex>;
  now: number;
  /** How far ahead of our clock a device's timestamp may be before it is refused. */
  maxFutureMs: number;
  /** How far behind our clock it may be (the days of events kept); 0 or unset: any age. */
  maxAgeMs?: number;
  /**
   * The time to store a message without `ts` at, `payload` given when it carries `seq`: its first
   * copy's, or an arrival stamp that no other message of its topic has (see seq-memory.ts).
   * Without it, such messages are stamped `now`.
   */
  stamp?: (topic: string, payload: string | undefined, now: number) => number;
  /** Reads topics; `parseTopic` when unset. */
  parseTopic?: TopicParser;
  /** The payload's whole length, where the log kept only its start (wal-format.ts). */
  wholeBytes?: number | undefined;
};

/** Dead letters keep a payload whole up to this many characters; the rest of a flood is cut. */
export const MAX_LETTER_CHARS = 8192;

/** A valid message, as the record the store keeps for it. */
export type Accepted =
  | { kind: 'desk-state'; record: DeskStateRecord }
  | { kind: 'door-count'; record: DoorCountRecord }
  | { kind: 'device-status'; record: DeviceStatusRecord };

/** One message's fate: a record for the store, or a dead letter saying why not. */
export type Dispatched =
  | {
      ok: true;
      accepted: Accepted;
      /** The message had no `ts`: it was stamped by ingest. */
      stamped: boolean;
    }
  | { ok: false; deadLetter: DeadLetterRecord };

/** Validates one MQTT message and routes it to the handler for its kind. */
export function dispatch(topic: string, payload: Uint8Array, context: DispatchContext): Dispatched {
  const decoded = decodeMessage(topic, payload, context.parseTopic, context.wholeBytes);
  if (!decoded.ok) return rejected(topic, payload, context.now, decoded.reason, context.wholeBytes);
  const { message } = decoded;
  const index = context.sites.get(message.site);
  if (!index) return rejected(topic, payload, context.now, `unknown site "${message.site}"`);
  const seq = 'seq' in message.payload ? message.payload.seq : undefined;
  const stamped = message.payload.ts === undefined;
  const ts =
    message.payload.ts ??
    (context.stamp
      ? context.stamp(
          topic,
          seq === undefined ? undefined : Buffer.from(payload).toString('utf8'),
          context.now,
        )
      : context.now);
  // Only a device's own clock can be ahead: a time ingest gave (a burst's run 1 ms apart) is not.
  if (!stamped && ts > context.now + context.maxFutureMs) {
    return rejected(
      topic,
      payload,
      context.now,
      `timestamp ${new Date(ts).toISOString()} is too far in the future`,
    );
  }
  if (context.maxAgeMs && ts < context.now - context.maxAgeMs) {
    const days = Math.round(context.maxAgeMs / 86_400_000);
    return rejected(
      topic,
      payload,
      context.now,
      `timestamp ${new Date(ts).toISOString()} is older than the ${days} days of events kept`,
    );
  }
  switch (message.kind) {
    case 'desk-state': {
      const handled = handleDeskState(index, message.desk, message.payload, ts);
      return handled.ok
        ? { ok: true, accepted: { kind: 'desk-state', record: handled.record }, stamped }
        : rejected(topic, payload, context.now, handled.reason);
    }
    case 'door-count': {
      const handled = handleDoorCount(index, message.door, message.payload, ts);
      return handled.ok
        ? { ok: true, accepted: { kind: 'door-count', record: handled.record }, stamped }
        : rejected(topic, payload, context.now, handled.reason);
    }
    case 'device-status': {
      const handled = handleDeviceStatus(index, message.device, message.payload, ts);
      return handled.ok
        ? { ok: true, accepted: { kind: 'device-status', record: handled.record }, stamped }
        : rejected(topic, payload, context.now, handled.reason);
    }
  }
}

function rejected(
  topic: string,
  payload: Uint8Array,
  now: number,
  reason: string,
  wholeBytes = payload.byteLength,
): Dispatched {
  return { ok: false, deadLetter: { ts: now, topic, reason, payload: letterPayload(payload, wholeBytes) } };
}

function letterPayload(payload: Uint8Array, wholeBytes: number): string {
  const text = Buffer.from(payload).toString('utf8');
  if (text.length <= MAX_LETTER_CHARS && wholeBytes === payload.byteLength) return text;
  return `${text.slice(0, MAX_LETTER_CHARS)}… [cut: ${wholeBytes} bytes in all]`;
}
