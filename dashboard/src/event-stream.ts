// An EventSource that does not give up. The browser retries dropped streams by itself, but stops for
// good on an HTTP error (say a 502 from a proxy while the API restarts); this opens a new one then.
export type EventStreamOptions = {
  url: string;
  /** The SSE event names to listen for. */
  events: readonly string[];
  onMessage: (data: string, event: string) => void;
  /** `resumed` is true when the stream opens after an error, so events may have been missed. */
  onOpen: (resumed: boolean) => void;
  onError: () => void;
  EventSource?: typeof EventSource;
  /** First wait before replacing a stream the browser gave up on; doubles up to 30 s. */
  retryMs?: number;
};

export type EventStream = { isOpen(): boolean; close(): void };

const MAX_RETRY_MS = 30_000;

/**
 * @example const stream = openEventStream({ url: '/api/sites/demo/live/stream', events: ['desk'], onMessage, onOpen, onError })
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const { url, events, onMessage, onOpen, onError, retryMs = 2000 } = options;
  const Source = options.EventSource ?? globalThis.EventSource;
  let source: EventSource | undefined;
  let failed = false;
  let wait = retryMs;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    timer = undefined;
    const current = new Source(url);
    source = current;
    for (const name of events)
      current.addEventListener(name, (e) => onMessage((e as MessageEvent<string>).data, name));
    current.addEventListener('open', () => {
      wait = retryMs;
      onOpen(failed);
      failed = false;
    });
    current.addEventListener('error', () => {
      failed = true;
      onError();
      if (current.readyState !== Source.CLOSED || timer) return;
      timer = setTimeout(connect, wait);
      wait = Math.min(wait * 2, MAX_RETRY_MS);
    });
  };
  connect();

  return {
    isOpen: () => source?.readyState === Source.OPEN,
    close() {
      clearTimeout(timer);
      source?.close();
    },
  };
}
