// Keeps a live view current: a /live snapshot plus the SSE stream of changes. Events that arrive
// while a snapshot is being fetched are held and replayed on top of it, so none fall in the gap;
// after any stream error the snapshot is fetched again, in case the stream could not catch up.
import { type LiveEvent, type LiveSite, liveEventSchema } from '../../protocol/live-view.ts';
import type { ConnectionStatus } from './connection-badge.ts';
import { openEventStream } from './event-stream.ts';
import { applyLiveEvent } from './live-state.ts';

export type LiveSyncOptions = {
  streamUrl: string;
  snapshot: () => Promise<LiveSite>;
  onLive: (live: LiveSite) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Alerts on the same stream (the API sends them to managers only), as their JSON text. */
  onAlert?: (data: string) => void;
  EventSource?: typeof EventSource;
  now?: () => number;
  /** Wait before retrying a failed snapshot, and the first wait before replacing a dead stream. */
  retryMs?: number;
};

export type LiveSync = { close(): void };

/**
 * @example const sync = startLiveSync({ streamUrl, snapshot: () => api.getLive('demo'), onLive: draw, onStatus: badge.set })
 */
export function startLiveSync(options: LiveSyncOptions): LiveSync {
  const { snapshot, onLive, onStatus, now = Date.now, retryMs = 2000 } = options;
  let live: LiveSite | undefined;
  let held: LiveEvent[] | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const receive = (data: string, event: string) => {
    if (event === 'alert') return options.onAlert?.(data);
    const parsed = liveEventSchema.safeParse(safeJson(data));
    if (!parsed.success) return;
    if (held) held.push(parsed.data);
    else if (live) {
      live = applyLiveEvent(live, parsed.data, now());
      onLive(live);
    }
  };

  const resync = async () => {
    if (held || closed) return;
    held = [];
    try {
      let next = await snapshot();
      for (const event of held) next = applyLiveEvent(next, event, now());
      if (closed) return;
      live = next;
      onLive(live);
      if (stream.isOpen()) onStatus('live');
    } catch {
      onStatus('reconnecting');
      clearTimeout(retry);
      retry = setTimeout(() => void resync(), retryMs);
    } finally {
      held = undefined;
    }
  };

  onStatus('connecting');
  const stream = openEventStream({
    url: options.streamUrl,
    events: ['desk', 'headcount', 'alert'],
    onMessage: receive,
    onOpen: (resumed) => {
      onStatus('live');
      if (resumed) void resync();
    },
    onError: () => onStatus('reconnecting'),
    retryMs,
    ...(options.EventSource ? { EventSource: options.EventSource } : {}),
  });
  void resync();

  return {
    close() {
      closed = true;
      clearTimeout(retry);
      stream.close();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
