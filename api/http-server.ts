import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A listening Node HTTP server for a fetch handler; close() also ends kept-alive and streaming connections. */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = serve({ fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
