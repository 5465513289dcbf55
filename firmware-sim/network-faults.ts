import type { Outbound } from './device-state.ts';
import type { Faults } from './fault-options.ts';
import { between, chance, mulberry32 } from './prng.ts';

/** What the network faults did so far; each count is of messages. */
export type NetworkFaultCounts = {
  /** Messages the devices made, before any fault. */
  made: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  delayed: number;
  malformed: number;
};

export type NetworkFaults = {
  /**
   * The messages to publish now, in order, for these messages made up to `now` (simulated ms): some lost,
   * some twice, some broken, some held for later; held ones come out of a later call.
   */
  pass(messages: readonly Outbound[], now: number): Outbound[];
  counts(): NetworkFaultCounts;
};

// A message held for reordering goes out after its device's next one, or after this long if none comes.
const REORDER_MAX_HOLD_MS = 10 * 60_000;

/**
 * Faults of the path between device and broker, as a pure filter over a device's messages. It draws from
 * its own seeded stream and only for faults that are on, so a run without faults sends exactly what the
 * devices made.
 * @example const net = createNetworkFaults({ ...NO_FAULTS, drop: 0.05 }, 7); fleet.send(net.pass(messages, now));
 */
export function createNetworkFaults(faults: Faults, seed: number): NetworkFaults {
  const random = mulberry32(seed);
  const counts: NetworkFaultCounts = {
    made: 0,
    dropped: 0,
    duplicated: 0,
    reordered: 0,
    delayed: 0,
    malformed: 0,
  };
  const held = new Map<string, Outbound>();
  const delayed: Array<{ release: number; message: Outbound }> = [];
  const hit = (rate: number) => rate > 0 && chance(random, rate);

  const route = (message: Outbound, out: Outbound[]) => {
    counts.made++;
    if (hit(faults.drop)) {
      counts.dropped++;
      return;
    }
    let sent = message;
    if (hit(faults.malformed)) {
      counts.malformed++;
      sent = { ...message, payload: corrupt(message.payload, random()) };
    }
    if (hit(faults.delay)) {
      counts.delayed++;
      delayed.push({ release: message.at + between(random, 0.1, 1) * faults.delayMs, message: sent });
      return;
    }
    if (!held.has(message.device) && hit(faults.reorder)) {
      counts.reordered++;
      held.set(message.device, sent);
      return;
    }
    out.push(sent);
    if (hit(faults.duplicate)) {
      counts.duplicated++;
      out.push(sent);
    }
    const overtaken = held.get(message.device);
    if (overtaken && overtaken !== sent) {
      held.delete(message.device);
      out.push(overtaken);
    }
  };

  return {
    pass(messages, now) {
      const out: Outbound[] = [];
      for (const message of messages) route(message, out);
      for (const [device, message] of held) {
        if (now - message.at < REORDER_MAX_HOLD_MS) continue;
        held.delete(device);
        out.push(message);
      }
      delayed.sort((a, b) => a.release - b.release);
      while (delayed.length > 0 && (delayed[0]?.release ?? Number.POSITIVE_INFINITY) <= now) {
        const next = delayed.shift();
        if (next) out.push(next.message);
      }
      return out;
    },
    counts: () => ({ ...counts }),
  };
}

/**
 * A payload broken the ways firmware breaks them; every variant fails the wire contract, so ingest
 * dead-letters it. `pick` (0..1) chooses the variant.
 */
export function corrupt(payload: string, pick: number): string {
  const variant = Math.floor(pick * 4);
  if (variant === 0) return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
  if (variant === 1) return '\u0000\u00ff garbage';
  const json = JSON.parse(payload) as Record<string, unknown>;
  if (variant === 2 && typeof json.ts === 'number')
    return JSON.stringify({ ...json, ts: Math.floor(json.ts / 1000) });
  // A field of the wrong type: the main field of each kind, sent as a string.
  const field = 'occupied' in json ? 'occupied' : 'in' in json ? 'in' : 'online';
  return JSON.stringify({ ...json, [field]: String(json[field]) });
}
