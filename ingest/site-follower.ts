import type { Logger } from 'pino';
import { describeIssues, type Site, siteModelTopic, siteSchema } from '../protocol/index.ts';
import { sideConnection } from './side-connection.ts';

// Managers edit sites through the API, which publishes each model retained on prossima/sys/sites/{site}.
// Ingest follows, so a desk added at 10:00 is accepted at 10:00 rather than dead-lettered until a
// restart. On a side connection (a clean session): retained models arrive on every (re)connect.

export type SiteFollowerOptions = {
  mqttUrl: string;
  username?: string | undefined;
  password?: string | undefined;
  clientId: string;
  logger: Logger;
  onSite: (site: Site) => void;
};

export function followSites(options: SiteFollowerOptions) {
  const client = sideConnection({ ...options, purpose: 'sites' });
  client.on('connect', () => client.subscribe(siteModelTopic('+'), { qos: 1 }));
  client.on('message', (_topic, payload) => {
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      options.logger.warn('site model is not JSON; ignored');
      return;
    }
    const parsed = siteSchema.safeParse(json);
    if (!parsed.success) {
      options.logger.warn({ reason: describeIssues(parsed.error) }, 'site model refused');
      return;
    }
    options.onSite(parsed.data);
  });
  return { close: () => client.endAsync() };
}
