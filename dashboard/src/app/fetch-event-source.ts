// EventSource cannot send an Authorization header, and a token does not belong in a URL (logs, history).
// This is the part of EventSource the live sync uses, over fetch, so a token-protected stream works too.

type Listener = (event: Event) => void;

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;

/**
 * An EventSource class whose streams carry `Authorization: Bearer <token>`. Like the browser's after an
 * HTTP error, a stream that ends or fails is CLOSED and reports `error`; event-stream.ts opens a new one.
 * @example startLiveSync({ …, EventSource: eventSourceWithToken(() => token) })
 */
export function eventSourceWithToken(token: () => string | undefined): typeof EventSource {
  class FetchEventSource extends EventTarget {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSED = CLOSED;
    readonly CONNECTING = CONNECTING;
    readonly OPEN = OPEN;
    readonly CLOSED = CLOSED;
    readyState = CONNECTING;
    readonly withCredentials = false;
    onopen: Listener | null = null;
    onmessage: Listener | null = null;
    onerror: Listener | null = null;
    readonly #abort = new AbortController();

    constructor(readonly url: string) {
      super();
      void this.#run();
    }

    close(): void {
      this.readyState = CLOSED;
      this.#abort.abort();
    }

    async #run(): Promise<void> {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        const bearer = token();
        if (bearer) headers.authorization = `Bearer ${bearer}`;
        const response = await fetch(this.url, { headers, signal: this.#abort.signal, cache: 'no-store' });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        this.readyState = OPEN;
        this.dispatchEvent(new Event('open'));
        await readEvents(response.body, (type, data) => {
          if (this.readyState === OPEN) this.dispatchEvent(new MessageEvent(type, { data }));
        });
      } catch {
        // Aborted by close(), refused, or cut: all end the same way.
      }
      if (this.#abort.signal.aborted) return;
      this.readyState = CLOSED;
      this.dispatchEvent(new Event('error'));
    }
  }
  return FetchEventSource as unknown as typeof EventSource;
}

/** Reads a text/event-stream body, calling `emit(event, data)` for each complete event. */
async function readEvents(body: ReadableStream<Uint8Array>, emit: (type: string, data: string) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let type = 'message';
  let data: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) emit(type, data.join('\n'));
        type = 'message';
        data = [];
      } else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else if (line.startsWith('event:')) type = line.slice(6).trim();
    }
  }
}
