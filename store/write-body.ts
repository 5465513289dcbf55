import { gzip } from 'node:zlib';

// The body of a /write request: the chosen lines, one per line, gzip-compressed.
//
// The lines are written straight into one buffer rather than joined into a string first: each line
// is a rope of the pieces it was built from, and Array.prototype.join flattening 5,000 of them cost
// 0.6 µs a line, more than gzip itself (bench/write-body.ts measures both ways). Lines written most
// often skip being strings at all: they write their own bytes (store/desk-state-line.ts).

/** A line that writes its own bytes into the body; `toString` gives the same text. */
export type ByteLine = {
  /** The most bytes `writeTo` writes. */
  readonly maxBytes: number;
  /** Writes the line at `at` (room for `maxBytes`); returns where it ends. */
  writeTo(out: Buffer, at: number): number;
  toString(): string;
};

/** One line of line protocol, as text or as a line that writes its own bytes. */
export type Line = string | ByteLine;

/** Gzips the lines at `indexes` of `lines`, newline-separated. */
export function writeBody(lines: readonly Line[], indexes: readonly number[]): Promise<Buffer> {
  const text = encodeLines(lines, indexes);
  // Level 1: on a small box CPU is scarcer than bandwidth, and these lines compress well anyway.
  return new Promise((resolve, reject) =>
    gzip(text, { level: 1 }, (error, body) => (error ? reject(error) : resolve(body))),
  );
}

/** The lines at `indexes`, newline-separated, as UTF-8. */
export function encodeLines(lines: readonly Line[], indexes: readonly number[]): Buffer {
  let size = indexes.length;
  for (const i of indexes) size += room(lines[i] ?? '');
  // A fresh buffer per body: gzip reads it on another thread while the next body may be encoded.
  let out: Buffer = Buffer.allocUnsafe(size + 1024);
  let at = 0;
  for (let n = 0; n < indexes.length; n += 1) {
    const line = lines[indexes[n] as number] ?? '';
    const most = typeof line === 'string' ? line.length * 3 : line.maxBytes;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; Buffer.write would cut a line that did not fit.
    if (out.length - at < most + 1) out = grown(out, at, most + 1);
    if (n > 0) out[at++] = 0x0a;
    at = typeof line === 'string' ? at + out.write(line, at) : line.writeTo(out, at);
  }
  return out.subarray(0, at);
}

/** Bytes to set aside for a line: its length for text (ASCII, mostly), its most for a byte line. */
const room = (line: Line): number => (typeof line === 'string' ? line.length : line.maxBytes);

function grown(buffer: Buffer, used: number, more: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(buffer.length * 2, used + more));
  buffer.copy(bigger, 0, 0, used);
  return bigger;
}
