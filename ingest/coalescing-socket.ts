import { Socket, type TcpSocketConnectOpts } from 'node:net';

// A TCP socket that copies what is written to it while corked into one buffer, written once when
// it is uncorked. MQTT.js writes each PUBACK as three chunks (type, length, message id) and intake
// holds the socket corked for a whole group, so Node's stream would keep an entry per chunk and
// hand the kernel 3 × N buffers (in a profile of ingest at full rate, MQTT.js writing PUBACKs took
// 6 % of its busy time and that writev another 4 %; bench/puback-write.ts measures 2–3 times as many
// PUBACKs per CPU second this way). Writes with a callback, strings and writes while uncorked pass
// through unchanged.

type Callback = (error?: Error | null) => void;

/** First size of the scratch buffer a corked period's writes are copied into; it doubles as needed. */
const INITIAL_BYTES = 16 * 1024;

export class CoalescingSocket extends Socket {
  #pending: Buffer | undefined;
  #length = 0;

  /**
   * Connects. net.Socket's connect() makes Socket.prototype.write the instance's own `write` (it
   * undoes a guard against writing after end), which hides this class's: it is put back on top.
   */
  open(options: TcpSocketConnectOpts): this {
    this.connect(options);
    this.write = CoalescingSocket.prototype.write;
    return this;
  }

  override write(
    chunk: Uint8Array | string,
    encoding?: BufferEncoding | Callback,
    callback?: Callback,
  ): boolean {
    if (this.writableCorked === 0 || typeof chunk === 'string' || encoding !== undefined || callback) {
      this.#flush();
      return super.write(chunk, encoding as BufferEncoding, callback);
    }
    this.#append(chunk);
    return !this.writableNeedDrain;
  }

  override uncork(): void {
    super.uncork();
    if (this.writableCorked === 0) this.#flush();
  }

  #append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.byteLength;
    if (!this.#pending || needed > this.#pending.length) {
      const grown = Buffer.allocUnsafe(Math.max(INITIAL_BYTES, needed * 2));
      if (this.#pending) this.#pending.copy(grown, 0, 0, this.#length);
      this.#pending = grown;
    }
    this.#pending.set(chunk, this.#length);
    this.#length = needed;
  }

  #flush(): void {
    if (this.#length === 0 || !this.#pending) return;
    // The stream keeps what it is given until the kernel took it, so it gets a copy and the
    // scratch buffer is used again.
    const out = Buffer.allocUnsafe(this.#length);
    this.#pending.copy(out, 0, 0, this.#length);
    this.#length = 0;
    super.write(out);
  }
}
