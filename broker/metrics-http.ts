import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BrokerMetrics, PROMETHEUS_CONTENT_TYPE, prometheusText } from './metrics.ts';

/**
 * A request handler serving `GET /metrics` as Prometheus text, for any Node HTTP server; the broker's own
 * metrics listener uses it, and so can a server that mounts it on its own path.
 */
export function metricsHandler(metrics: () => Promise<BrokerMetrics>) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://x').pathname !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try /metrics\n');
      return;
    }
    metrics().then(
      (m) => response.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE }).end(prometheusText(m)),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  };
}

/** Listens on its own port for `/metrics`; resolves with the URL and a close function. */
export async function serveMetrics(
  host: string,
  port: number,
  metrics: () => Promise<BrokerMetrics>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(metricsHandler(metrics));
  server.listen(port, host);
  await once(server, 'listening');
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}/metrics`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
