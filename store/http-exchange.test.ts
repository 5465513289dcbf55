import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createExchanger } from './http-exchange.ts';

let server: Server | undefined;
afterEach(async () => {
  const open = server;
  server = undefined;
  if (!open) return;
  open.closeAllConnections();
  await new Promise((resolve) => open.close(resolve));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/write?db=x`);
}

describe('http exchange', () => {
  it('sends the body and reads the whole answer, errors included', async () => {
    const url = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.statusCode = 400;
        res.end(`got ${req.method} ${req.url} ${req.headers['x-a']} ${Buffer.concat(chunks).toString()}`);
      });
    });
    const answer = await createExchanger({ timeoutMs: 2000 }).send(url, {
      method: 'POST',
      headers: { 'x-a': 'b' },
      body: 'päyload',
    });
    expect(answer).toEqual({ ok: false, status: 400, text: 'got POST /write?db=x b päyload' });
  });

  it('gives up on a server that never answers, as a TimeoutError', async () => {
    const url = await serve(() => {});
    const started = Date.now();
    const error = await createExchanger({ timeoutMs: 150 })
      .send(url, { method: 'GET' })
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', message: 'no answer within 150 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('names the socket error of a server that is not there', async () => {
    const url = await serve(() => {});
    const open = server;
    server = undefined;
    await new Promise((resolve) => open?.close(resolve));
    const error = await createExchanger({ timeoutMs: 2000 })
      .send(url, { method: 'GET' })
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
