import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer, type IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import type { Aedes } from 'aedes';
import type { Logger } from 'pino';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { guardPacketSize } from './packet-guard.ts';
import { coalesceWrites } from './write-coalescing.ts';

// How clients reach aedes: MQTT over TCP, over TLS, and over WebSocket (ws or wss). Every connection
// passes the same gate: the connection limit, the packet-size guard, and byte counting.

export type TransportOptions = {
  aedes: Aedes;
  host: string;
  port: number;
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined;
  tlsPort: number;
  wsPort?: number | undefined;
  wsPath: string;
  maxConnections: number;
  maxPacketBytes: number;
  onDropped: (reason: string, detail: Record<string, unknown>) => void;
  logger: Logger;
};

export type Transports = {
  /** Plain MQTT; loopback only when TLS is configured, so the network sees only TLS. */
  url: string;
  port: number;
  tlsUrl?: string;
  wsUrl?: string;
  /** Serves MQTT over WebSocket on another HTTP server: call it from that server's 'upgrade' event. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  bytes(): { in: number; out: number };
  close(): Promise<void>;
};

type Counted = { bytesRead: number; bytesWritten: number };

export async function startTransports(options: TransportOptions): Promise<Transports> {
  const { aedes, logger } = options;
  const open = new Set<Socket>();
  const done = { in: 0, out: 0 };
  const servers: Array<Server | HttpServer> = [];

  // Every MQTT stream, whatever carries it, enters here; `socket` is the TCP socket under it.
  const admit = (stream: Duplex, socket: Socket, request?: IncomingMessage): void => {
    if (open.size >= options.maxConnections) {
      options.onDropped('connection-limit', { remote: socket.remoteAddress });
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      done.in += (socket as Counted).bytesRead;
      done.out += (socket as Counted).bytesWritten;
    });
    stream.on('error', () => socket.destroy());
    coalesceWrites(stream);
    aedes.handle(stream, request);
    guardPacketSize(stream, options.maxPacketBytes, (announced) => {
      options.onDropped('packet-too-large', { remote: socket.remoteAddress, announced });
      stream.destroy();
      socket.destroy();
    });
  };

  const tcpHost = options.tls ? '127.0.0.1' : options.host;
  const tcp = createTcpServer((socket) => admit(socket, socket));
  const port = await listen(tcp, options.port, tcpHost);
  servers.push(tcp);
  const result: Omit<Transports, 'upgrade' | 'bytes' | 'close'> = { url: `mqtt://${tcpHost}:${port}`, port };

  if (options.tls) {
    const tls = createTlsServer({ cert: options.tls.cert, key: options.tls.key }, (socket) =>
      admit(socket, socket),
    );
    tls.on('tlsClientError', (error) => logger.debug({ err: error.message }, 'tls handshake failed'));
    const tlsPort = await listen(tls, options.tlsPort, options.host);
    servers.push(tls);
    result.tlsUrl = `mqtts://${options.host}:${tlsPort}`;
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPacketBytes + 8,
    // Clients offer "mqtt" (3.1.1) or "mqttv3.1"; answer with what they offered.
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith('mqtt')) ?? false,
  });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      admit(createWebSocketStream(ws), request.socket as Socket, request);
    });
  };
  if (options.wsPort !== undefined) {
    const http = options.tls
      ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key })
      : createHttpServer();
    http.on('request', (_req, res) =>
      res.writeHead(426, { upgrade: 'websocket' }).end('MQTT over WebSocket\n'),
    );
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://x').pathname !== options.wsPath) {
        socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
        return;
      }
      upgrade(request, socket, head);
    });
    const wsPort = await listen(http, options.wsPort, options.host);
    servers.push(http);
    result.wsUrl = `${options.tls ? 'wss' : 'ws'}://${options.host}:${wsPort}${options.wsPath}`;
  }

  return {
    ...result,
    upgrade,
    bytes: () => {
      let bytesIn = done.in;
      let bytesOut = done.out;
      for (const socket of open) {
        bytesIn += (socket as Counted).bytesRead;
        bytesOut += (socket as Counted).bytesWritten;
      }
      return { in: bytesIn, out: bytesOut };
    },
    close: async () => {
      const closed = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
      for (const socket of open) socket.destroy();
      wss.close();
      await Promise.all(closed);
    },
  };
}

async function listen(server: Server | HttpServer, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => Promise.reject(error as Error)),
  ]);
  return (server.address() as AddressInfo).port;
}
