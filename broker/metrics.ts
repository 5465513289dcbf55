// The broker's numbers, kept as plain counters on the message path and turned into a snapshot
// (`metrics()`) or Prometheus text (`prometheusText()`) only when someone asks.

export type DeniedAction = 'connect' | 'publish' | 'subscribe';

export type BrokerMetrics = {
  /** Clients connected now (CONNACK sent and not yet gone). */
  clients: number;
  /** PUBLISH packets accepted from clients since start. */
  messagesIn: number;
  /** PUBLISH packets sent to subscribers since start (one message to three subscribers is three). */
  messagesOut: number;
  /** Mean of the last 10 whole seconds. */
  messagesInPerSecond: number;
  messagesOutPerSecond: number;
  /** Bytes read from and written to client sockets, MQTT framing included. */
  bytesIn: number;
  bytesOut: number;
  /** Refused logins, publishes and subscriptions, by action and reason. */
  denied: Record<DeniedAction, Record<string, number>>;
  /** Clients the broker disconnected for breaking a limit or the protocol, by reason. */
  dropped: Record<string, number>;
  /** Retained messages stored now. */
  retained: number;
  /** QoS 1 and 2 messages this broker holds for persistent sessions that are offline now. */
  queued: number;
};

const WINDOW_SECONDS = 10;

/** A per-second ring of the last few seconds, to report a rate without a timer. */
function rateRing(now: () => number) {
  const buckets = new Array<number>(WINDOW_SECONDS + 1).fill(0);
  let second = Math.floor(now() / 1000);
  const advance = () => {
    const current = Math.floor(now() / 1000);
    for (let s = second + 1; s <= Math.min(current, second + buckets.length); s++)
      buckets[s % buckets.length] = 0;
    second = Math.max(second, current);
  };
  return {
    add: (n: number) => {
      advance();
      const i = second % buckets.length;
      buckets[i] = (buckets[i] ?? 0) + n;
    },
    /** Mean over the last WINDOW_SECONDS whole seconds, the current one left out. */
    perSecond: () => {
      advance();
      let sum = 0;
      for (let s = second - WINDOW_SECONDS; s < second; s++)
        sum += buckets[((s % buckets.length) + buckets.length) % buckets.length] ?? 0;
      return sum / WINDOW_SECONDS;
    },
  };
}

export type MetricsRecorder = ReturnType<typeof createMetricsRecorder>;

export function createMetricsRecorder(now: () => number = Date.now) {
  const inRate = rateRing(now);
  const outRate = rateRing(now);
  const counts = { messagesIn: 0, messagesOut: 0 };
  const denied: BrokerMetrics['denied'] = { connect: {}, publish: {}, subscribe: {} };
  const dropped: Record<string, number> = {};
  return {
    messageIn: () => {
      counts.messagesIn++;
      inRate.add(1);
    },
    messageOut: () => {
      counts.messagesOut++;
      outRate.add(1);
    },
    denied: (action: DeniedAction, reason: string) => {
      denied[action][reason] = (denied[action][reason] ?? 0) + 1;
    },
    dropped: (reason: string) => {
      dropped[reason] = (dropped[reason] ?? 0) + 1;
    },
    snapshot: (
      live: Pick<BrokerMetrics, 'clients' | 'bytesIn' | 'bytesOut' | 'retained' | 'queued'>,
    ): BrokerMetrics => ({
      ...live,
      ...counts,
      messagesInPerSecond: inRate.perSecond(),
      messagesOutPerSecond: outRate.perSecond(),
      denied: structuredClone(denied),
      dropped: { ...dropped },
    }),
  };
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The metrics in the Prometheus text exposition format (version 0.0.4).
 * @example res.setHeader('content-type', PROMETHEUS_CONTENT_TYPE); res.end(prometheusText(broker.metrics()))
 */
export function prometheusText(m: BrokerMetrics): string {
  const lines: string[] = [];
  const metric = (name: string, type: string, help: string, samples: Array<[string, number]>) => {
    lines.push(`# HELP prossima_broker_${name} ${help}`, `# TYPE prossima_broker_${name} ${type}`);
    for (const [labels, value] of samples) lines.push(`prossima_broker_${name}${labels} ${value}`);
  };
  metric('clients', 'gauge', 'Clients connected now.', [['', m.clients]]);
  metric('messages_received_total', 'counter', 'PUBLISH packets accepted from clients.', [
    ['', m.messagesIn],
  ]);
  metric('messages_sent_total', 'counter', 'PUBLISH packets sent to subscribers.', [['', m.messagesOut]]);
  metric('messages_received_per_second', 'gauge', 'Messages in per second, mean of the last 10 s.', [
    ['', m.messagesInPerSecond],
  ]);
  metric('messages_sent_per_second', 'gauge', 'Messages out per second, mean of the last 10 s.', [
    ['', m.messagesOutPerSecond],
  ]);
  metric('received_bytes_total', 'counter', 'Bytes read from client sockets.', [['', m.bytesIn]]);
  metric('sent_bytes_total', 'counter', 'Bytes written to client sockets.', [['', m.bytesOut]]);
  const denied = Object.entries(m.denied).flatMap(([action, reasons]) =>
    Object.entries(reasons).map(
      ([reason, n]) => [`{action="${action}",reason="${escapeLabel(reason)}"}`, n] as [string, number],
    ),
  );
  metric('denied_total', 'counter', 'Refused logins, publishes and subscriptions.', denied);
  const dropped = Object.entries(m.dropped).map(
    ([reason, n]) => [`{reason="${escapeLabel(reason)}"}`, n] as [string, number],
  );
  metric(
    'dropped_clients_total',
    'counter',
    'Clients disconnected for breaking a limit or the protocol.',
    dropped,
  );
  metric('retained_messages', 'gauge', 'Retained messages stored.', [['', m.retained]]);
  metric('queued_messages', 'gauge', 'Messages held for offline persistent sessions.', [['', m.queued]]);
  return `${lines.join('\n')}\n`;
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
