// A map from numbers to values for indexes whose keys stream through: messages in flight, found by
// broker counter or message id, added as they are sent and deleted as they are acknowledged. V8's Map
// allocates a new table whenever it grows, shrinks, or fills with deleted entries, which such traffic
// makes it do every few thousand messages; past 128 KB a table is a large object on fresh pages, and a
// fresh page costs about 11 µs on the machine the benchmarks run on (docs/ingest.md). This table is
// allocated when it grows and when it has emptied out, not as keys pass through it.

/** Open addressing, linear probing, and deletion by moving the following entries back: no tombstones. */
export class NumberIndex<V> {
  #keys: Float64Array;
  #values: (V | undefined)[];
  #mask: number;
  #shift: number;
  /** The value under the key `undefined`, which a packet without a broker counter is indexed by. */
  #none: V | undefined;
  size = 0;

  constructor(capacity = MIN_CAPACITY) {
    this.#keys = new Float64Array(capacity);
    this.#values = new Array(capacity).fill(undefined);
    this.#mask = capacity - 1;
    this.#shift = 32 - Math.log2(capacity);
  }

  get(key: number | undefined): V | undefined {
    if (key === undefined) return this.#none;
    const keys = this.#keys;
    const values = this.#values;
    for (let i = this.#slot(key); ; i = (i + 1) & this.#mask) {
      const value = values[i];
      if (value === undefined || keys[i] === key) return value;
    }
  }

  set(key: number | undefined, value: V): void {
    if (key === undefined) {
      if (this.#none === undefined) this.size += 1;
      this.#none = value;
      return;
    }
    if ((this.size + 1) * 2 > this.#values.length) this.#resize(this.#values.length * 2);
    const keys = this.#keys;
    const values = this.#values;
    let i = this.#slot(key);
    while (values[i] !== undefined && keys[i] !== key) i = (i + 1) & this.#mask;
    if (values[i] === undefined) this.size += 1;
    keys[i] = key;
    values[i] = value;
  }

  delete(key: number | undefined): boolean {
    if (key === undefined) {
      if (this.#none === undefined) return false;
      this.#none = undefined;
      this.size -= 1;
      return true;
    }
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    let i = this.#slot(key);
    for (; keys[i] !== key; i = (i + 1) & mask) if (values[i] === undefined) return false;
    if (values[i] === undefined) return false;
    // Entries after the hole that could sit in it move back, so a probe never stops short of them.
    for (let j = (i + 1) & mask; values[j] !== undefined; j = (j + 1) & mask) {
      const home = this.#slot(keys[j] as number);
      if (((j - home) & mask) >= ((j - i) & mask)) {
        keys[i] = keys[j] as number;
        values[i] = values[j];
        i = j;
      }
    }
    values[i] = undefined;
    this.size -= 1;
    // Smaller again only after a backlog drained: a large table is kept while traffic flows.
    if (values.length > SHRINK_ABOVE && this.size * 16 < values.length) this.#resize(values.length / 4);
    return true;
  }

  /** Fibonacci hashing of the key's two 32-bit halves: counters and ids are mostly consecutive. */
  #slot(key: number): number {
    const mixed = (key >>> 0) ^ Math.floor(key / 2 ** 32);
    return Math.imul(mixed, 0x9e3779b1) >>> this.#shift;
  }

  #resize(capacity: number): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Float64Array(capacity);
    this.#values = new Array(capacity).fill(undefined);
    this.#mask = capacity - 1;
    this.#shift = 32 - Math.log2(capacity);
    const none = this.#none;
    this.size = none === undefined ? 0 : 1;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value !== undefined) this.set(keys[i], value);
    }
  }
}

const MIN_CAPACITY = 16;
const SHRINK_ABOVE = 4096;
