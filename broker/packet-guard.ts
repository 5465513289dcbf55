import type { Duplex } from 'node:stream';

/**
 * Watches the MQTT fixed headers going into aedes and calls `onTooLarge` as soon as a client announces
 * a packet above `maxBytes`, before the parser has buffered it: without this a single client could make
 * the broker hold up to 256 MB for one packet. It observes 'data', which a stream in 'readable' mode
 * emits for each chunk aedes reads, so it adds no copy and no extra stream.
 */
export function guardPacketSize(
  stream: Duplex,
  maxBytes: number,
  onTooLarge: (announced: number) => void,
): void {
  let skip = 0;
  let inLength = false;
  let length = 0;
  let multiplier = 1;
  let lengthBytes = 0;
  const onData = (chunk: Buffer) => {
    let pos = 0;
    while (pos < chunk.length) {
      if (skip > 0) {
        const take = Math.min(skip, chunk.length - pos);
        skip -= take;
        pos += take;
      } else if (!inLength) {
        pos++; // the packet type and flags
        inLength = true;
        length = 0;
        multiplier = 1;
        lengthBytes = 0;
      } else {
        const byte = chunk[pos++] ?? 0;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        lengthBytes++;
        if ((byte & 0x80) === 0 || lengthBytes === 4) {
          inLength = false;
          if (length > maxBytes) {
            stream.off('data', onData);
            onTooLarge(length);
            return;
          }
          skip = length;
        }
      }
    }
  };
  stream.on('data', onData);
}
