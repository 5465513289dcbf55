import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { IngestMetrics } from './ingest-metrics.ts';
import type { WalWriter } from './wal-writer.ts';

// Where the broker's acknowledgement is held. MQTT.js calls `handleMessage` for each message and
// queues the PUBACK when its callback is called; it hands over the next message only after that.
//
// Group commit: the messages MQTT.js parses in one turn of the event loop are appended to the log
// as one group, with one synchronous write, and their PUBACKs are held back in the corked socket
// until that write returned. So no PUBACK leaves the process before its message is in the log, and
// the log costs one system call per group, not one per message. If the write fails, the socket is
// destroyed with the PUBACKs unsent, and the broker delivers those messages again.
//
// When the records not yet confirmed by the store reach the disk budget (the store has been down long
// enough), the callback is held:
// MQTT.js stops reading, TCP fills, and the broker keeps the rest queued in our session.

export type IntakeOptions = {
  client: MqttClient;
  writer: WalWriter;
  budgetBytes: number;
  metrics: IngestMetrics;
  logger: Logger;
  now: () => number;
  /** Called after each committed group, to wake the reader. */
  onCommitted: () => void;
};

type Packet = Parameters<MqttClient['handleMessage']>[0];
type Held = { packet: Packet; done: (error?: Error) => void; connection: number };
type Stream = MqttClient['stream'];

export function attachIntake(options: IntakeOptions) {
  const { client, writer, metrics, logger } = options;
  let held: Held | undefined;
  let connection = 0;
  let corked: Stream | undefined;
  client.on('close', () => {
    connection += 1;
  });

  function commit(): void {
    const stream = corked;
    corked = undefined;
    const count = writer.uncommitted();
    try {
      writer.commit();
    } catch (error) {
      logger.error({ err: (error as Error).message, count }, 'cannot write the ingest log; reconnecting');
      stream?.destroy();
      return;
    }
    metrics.counters.received += count;
    stream?.uncork();
    options.onCommitted();
  }

  const take = (packet: Packet, done: (error?: Error) => void): void => {
    if (!corked) {
      corked = client.stream;
      corked.cork();
      setImmediate(commit);
    }
    writer.append({
      topic: packet.topic,
      payload: typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
      receivedAt: options.now(),
      retain: packet.retain,
    });
    done();
  };

  client.handleMessage = (packet, done) => {
    if (held || writer.unconfirmed() >= options.budgetBytes) {
      if (!held) {
        metrics.counters.backPressureEvents += 1;
        logger.warn(
          { unconfirmed: writer.unconfirmed(), budget: options.budgetBytes },
          'ingest log full; holding',
        );
      }
      held = { packet, done, connection };
      return;
    }
    take(packet, done);
  };

  // A full budget is rechecked whenever the log shrinks, and on a timer in case it never does.
  const timer = setInterval(() => release(), 1000);
  timer.unref();

  function release(): void {
    if (!held || writer.unconfirmed() >= options.budgetBytes) return;
    const { packet, done, connection: heldOn } = held;
    held = undefined;
    // The connection it came on is gone: its PUBACK would go out on a new connection under a
    // message id that now means another message. The broker sends it again; take it then.
    if (heldOn !== connection) return;
    take(packet, done);
  }

  return {
    /** Takes a held message if there is room now. */
    release,
    holding: () => held !== undefined,
    detach(): void {
      clearInterval(timer);
      if (corked) commit();
    },
  };
}
