// The embedded MQTT broker every sensor in a space talks to: aedes over MQTT/TCP.
// It knows the topic tree only as strings; it knows nothing of ingest, the store or the API.
import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import { type Logger, pino } from 'pino';
import { z } from 'zod';

export const brokerOptionsSchema = z.object({
  host: z.string().default('127.0.0.1'),
  /** 0 picks a free port; the handle's `port` says which. */
  port: z.number().int().min(0).max(65535).default(1883),
});

export type BrokerOptions = z.input<typeof brokerOptionsSchema> & { logger?: Logger };

export type BrokerHandle = {
  /** The port the broker listens on (the real one when 0 was asked). */
  port: number;
  host: string;
  /** `mqtt://host:port`, ready to hand to any MQTT client. */
  url: string;
  aedes: Aedes;
  close(): Promise<void>;
};

/**
 * Starts aedes on a TCP port.
 * @example const broker = await start({ port: 0 }); console.log(broker.url); await broker.close();
 */
export async function start(options: BrokerOptions = {}): Promise<BrokerHandle> {
  const { host, port } = brokerOptionsSchema.parse(options);
  const logger = options.logger ?? pino({ level: 'silent' });
  const aedes = await Aedes.createBroker({ id: `prossima-${process.pid}` });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  // A client's protocol error is that client's problem: log it and let aedes close its socket.
  aedes.on('clientError', (client, error) => {
    logger.debug({ clientId: client.id, err: error.message }, 'mqtt client error');
  });
  aedes.on('connectionError', (client, error) => {
    logger.debug({ clientId: client?.id, err: error.message }, 'mqtt connection error');
  });
  server.listen(port, host);
  await once(server, 'listening');
  const actual = (server.address() as AddressInfo).port;
  logger.info({ host, port: actual }, 'mqtt broker listening');
  return {
    port: actual,
    host,
    url: `mqtt://${host}:${actual}`,
    aedes,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await closed;
    },
  };
}
