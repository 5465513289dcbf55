/** One parsed Server-Sent Event. */
export type SseEvent = { id?: string; event: string; data: string };

/**
 * Reads an SSE response as a real client would, over the network, and hands back events as they
 * arrive. Tests use it instead of a browser EventSource.
 */
export function readSse(response: Response) {
  const events: SseEvent[] = [];
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new Error('response has no body');
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon <= 0) continue;
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') event.id = value;
          else if (field === 'event') event.event = value;
          else if (field === 'data') event.data += value;
        }
        if (block.split('\n').some((l) => l.startsWith('data:'))) events.push(event);
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  return { events, close: () => reader.cancel().then(() => done) };
}
