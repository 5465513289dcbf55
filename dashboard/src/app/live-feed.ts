// One live sync per site for the whole page: views subscribe and unsubscribe as they come and go,
// so switching views never opens a second stream or loses the state already built.
import type { LiveSite } from '../../../protocol/live-view.ts';
import type { ApiClient } from '../api-client.ts';
import type { ConnectionStatus } from '../connection-badge.ts';
import { startLiveSync } from '../live-sync.ts';
import { eventSourceWithToken } from './fetch-event-source.ts';
import type { LiveFeed } from './view.ts';

export type LiveFeedHandle = LiveFeed & { status(): ConnectionStatus; close(): void };

/**
 * @example const feed = startLiveFeed({ api, siteId: 'demo' }); const stop = feed.subscribe(draw); feed.close();
 */
export function startLiveFeed(options: {
  api: ApiClient;
  siteId: string;
  now?: () => number;
  EventSource?: typeof EventSource;
}): LiveFeedHandle {
  const { api, siteId } = options;
  const liveListeners = new Set<(live: LiveSite) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const alertListeners = new Set<(alert: unknown) => void>();
  let live: LiveSite | undefined;
  let status: ConnectionStatus = 'connecting';
  const add = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  // With a token the stream goes over fetch (EventSource cannot carry the header); without, the
  // browser's own EventSource, which resumes with Last-Event-ID by itself.
  const Source = options.EventSource ?? (api.token() ? eventSourceWithToken(api.token) : undefined);
  const sync = startLiveSync({
    streamUrl: api.streamUrl(siteId),
    snapshot: () => api.getLive(siteId),
    onLive: (next) => {
      live = next;
      for (const listener of liveListeners) listener(next);
    },
    onStatus: (next) => {
      status = next;
      for (const listener of statusListeners) listener(next);
    },
    onAlert: (data) => {
      const alert = parse(data);
      if (alert !== undefined) for (const listener of alertListeners) listener(alert);
    },
    ...(options.now ? { now: options.now } : {}),
    ...(Source ? { EventSource: Source } : {}),
  });
  return {
    current: () => live,
    status: () => status,
    subscribe(listener) {
      if (live) listener(live);
      return add(liveListeners, listener);
    },
    onStatus(listener) {
      listener(status);
      return add(statusListeners, listener);
    },
    onAlert: (listener) => add(alertListeners, listener),
    close() {
      sync.close();
      liveListeners.clear();
      statusListeners.clear();
      alertListeners.clear();
    },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
