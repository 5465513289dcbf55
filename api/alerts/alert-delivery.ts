import type { Logger } from 'pino';
import type { Alert } from '../../protocol/index.ts';
import type { EventLog } from '../event-log.ts';
import { createWebhookSender } from './webhooks.ts';

export type AlertDeliveryOptions = {
  log: EventLog;
  logger: Logger;
  webhooks: readonly string[];
  webhookSecret: string | undefined;
  baseDelayMs: number;
  maxAttempts: number;
};

/** Where a raised alert goes: the live stream (managers see it there) and every webhook. */
export function createAlertDelivery(options: AlertDeliveryOptions) {
  const webhooks =
    options.webhooks.length > 0 && options.webhookSecret
      ? createWebhookSender({
          urls: options.webhooks,
          secret: options.webhookSecret,
          logger: options.logger,
          baseDelayMs: options.baseDelayMs,
          maxAttempts: options.maxAttempts,
        })
      : undefined;
  return {
    deliver(raised: readonly Alert[]): void {
      for (const alert of raised) {
        options.log.append({ kind: 'alert', site: alert.site, alert });
        webhooks?.send(alert);
      }
    },
    close: async () => webhooks?.close(),
  };
}
