import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Alert } from '../../protocol/index.ts';

export type WebhookOptions = {
  urls: readonly string[];
  /** Key of the HMAC-SHA256 signature; receivers check it to know the alert came from us. */
  secret: string;
  logger: Logger;
  /** First wait before a retry; doubles each time up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
  timeoutMs?: number;
};

/**
 * Signature of a delivery: hex HMAC-SHA256 of `{timestamp}.{body}` with the shared secret, sent as
 * `X-Prossima-Signature: sha256=<hex>` beside `X-Prossima-Timestamp`, so a replayed old body fails.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Delivers each alert to every configured URL as JSON, retrying network errors, 5xx and 429 with
 * exponential backoff. The alert's `id` (also in `X-Prossima-Alert-Id`) is the same on every
 * attempt, so a receiver that saw it already drops the duplicate.
 */
export function createWebhookSender(options: WebhookOptions) {
  const base = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const timeoutMs = options.timeoutMs ?? 5000;
  const pending = new Set<Promise<void>>();
  const stop = new AbortController();

  const attempt = async (url: string, body: string, id: string, n: number): Promise<boolean> => {
    const timestamp = String(Date.now());
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'prossima-webhook',
          'X-Prossima-Alert-Id': id,
          'X-Prossima-Attempt': String(n),
          'X-Prossima-Timestamp': timestamp,
          'X-Prossima-Signature': signWebhook(options.secret, timestamp, body),
        },
        signal: AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.body?.cancel();
      if (response.ok) return true;
      // Another 4xx means the receiver refuses this alert: retrying cannot help.
      if (response.status < 500 && response.status !== 429 && response.status !== 408) {
        options.logger.warn({ url, status: response.status, id }, 'webhook refused an alert');
        return true;
      }
    } catch (error) {
      if (stop.signal.aborted) return true;
      options.logger.debug({ url, err: (error as Error).message, id }, 'webhook attempt failed');
    }
    return false;
  };

  const deliver = async (url: string, alert: Alert) => {
    const body = JSON.stringify(alert);
    for (let n = 1; n <= maxAttempts; n++) {
      if (await attempt(url, body, alert.id, n)) return;
      if (n === maxAttempts || stop.signal.aborted) break;
      await sleep(Math.min(maxDelay, base * 2 ** (n - 1)), stop.signal);
    }
    if (!stop.signal.aborted) options.logger.warn({ url, id: alert.id }, 'webhook gave up on an alert');
  };

  return {
    send(alert: Alert): void {
      for (const url of options.urls) {
        const delivery = deliver(url, alert).finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
    },
    /** Resolves when every delivery under way has finished (delivered or given up). */
    idle: async () => {
      while (pending.size > 0) await Promise.all(pending);
    },
    /** Stops retrying; deliveries under way are abandoned. */
    close: async () => {
      stop.abort();
      await Promise.all(pending);
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
