import type { Config } from './config.ts';

/** The API's share of the settings, in the shape `api/index.ts` start() takes. */
export function apiSettings(config: Config) {
  return {
    dataDir: config.dataDir,
    memberAccess: config.memberAccess,
    awayGraceMs: config.awayGrace * 60_000,
    rateLimitPerMinute: config.rateLimit,
    webhooks: config.webhooks ? config.webhooks.split(',').map((url) => url.trim()) : [],
    webhookSecret: config.webhookSecret,
  };
}
