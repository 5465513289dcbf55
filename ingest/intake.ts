import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { IngestMetrics } from './ingest-metrics.ts';
import type { PublishTaker } from './intake-socket.ts';
import type { WalWriter } from './wal-writer.ts';

// Where the broker's acknowledgement is held. A message comes one of two ways. Over plain TCP,
// the socket offers each PUBLISH as it lies in the received bytes (`takePublish`, intake-socket.ts),
// and intake queues its PUBACK there. Otherwise, and whenever that way declines, MQTT.js calls
// `handleMessage` and queues the PUBACK when its callback is called; it hands over the next message
// only after that.
//
// Group commit: the messages that arrive in one turn of the event loop are appended to the log
// as one group, with one synchronous write, and their PUBACKs are held back in the corked socket
// until that write returned. So no PUBACK leaves the process before its message is in the log, and
// the log costs one system call per group, not one per message. If the write fails, the socket is
// destroyed with the PUBACKs unsent, and the broker delivers those messages again.
//
// When the records not yet confirmed by the store reach the disk budget (the store has been down long
// enough), the fast way declines and MQTT.js's callback is held: MQTT.js stops reading, TCP fills,
// and the broker keeps the rest queued in our session.

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
    withMqttJs = 0;
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

  /** Corks the socket for the turn's group; the group is committed when the turn ends. */
  function group(stream: Stream): void {
    if (corked) return;
    corked = stream;
    stream.cork();
    setImmediate(commit);
  }

  const take = (packet: Packet, done: (error?: Error) => void): void => {
    group(client.stream);
    writer.append({
      topic: packet.topic,
      payload: typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
      receivedAt: options.now(),
      retain: packet.retain,
    });
    done();
  };

  // The fast way declines before MQTT.js has the CONNACK, and while the log is full, so that holding
  // is done as above. It also declines while MQTT.js has messages it has not handed over, so that the
  // log keeps their order and the PUBACKs leave in the order the messages came, as MQTT 3.1.1 (4.6)
  // requires. MQTT.js 5 hands over all it has before the next read, so that last guard is for a
  // version that would not; intake.test.ts checks the order on the wire across a hold.
  let withMqttJs = 0;
  const takePublish: PublishTaker = (socket, bytes, publish, end) => {
    if (withMqttJs > 0 || held || !client.connected || writer.unconfirmed() >= options.budgetBytes) {
      withMqttJs += 1;
      return false;
    }
    group(socket);
    writer.appendPublish(bytes, publish, end, options.now());
    if (publish.qos > 0) socket.ack(publish.messageId);
    return true;
  };

  client.handleMessage = (packet, done) => {
    if (withMqttJs > 0) withMqttJs -= 1;
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
    /** For the events' socket (event-connection.ts). */
    takePublish,
    /** Takes a held message if there is room now. */
    release,
    holding: () => held !== undefined,
    detach(): void {
      clearInterval(timer);
      if (corked) commit();
    },
  };
}
