// The alerts a manager sees: the API's recent list, then each one the live stream brings, once.
import type { Alert } from '../../../../protocol/live-view.ts';
import { alertEventSchema, alertListSchema } from './schemas.ts';

export type AlertFeed = {
  /** Adds alerts (any order); returns those not seen before, newest first. */
  add(alerts: readonly Alert[]): Alert[];
  /** Newest first, at most `limit`. */
  list(): Alert[];
};

/**
 * @example const feed = createAlertFeed(); feed.add(initial); feed.add([live]); feed.list()[0] // newest
 */
export function createAlertFeed(limit = 100): AlertFeed {
  const byId = new Map<string, Alert>();
  const list = () => [...byId.values()].sort((a, b) => b.at - a.at).slice(0, limit);
  return {
    add(alerts) {
      const fresh = alerts.filter((alert) => !byId.has(alert.id));
      for (const alert of fresh) byId.set(alert.id, alert);
      // Only the newest are kept, so an old id forgotten here cannot come back from the API list.
      const kept = new Set(list().map((a) => a.id));
      for (const id of byId.keys()) if (!kept.has(id)) byId.delete(id);
      return fresh.filter((a) => kept.has(a.id)).sort((a, b) => b.at - a.at);
    },
    list,
  };
}

/** The shell forwards the SSE `alert` data as parsed JSON: a live event wrapping the alert. */
export function readAlertEvent(data: unknown): Alert | undefined {
  const wrapped = alertEventSchema.safeParse(data);
  if (wrapped.success) return wrapped.data.alert;
  const bare = alertListSchema.shape.alerts.element.safeParse(data);
  return bare.success ? bare.data : undefined;
}
