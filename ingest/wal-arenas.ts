// The buffers the log's writer encodes its groups into, used again once the tail has let go of every
// group in them. A fresh buffer costs its pages' first touch: about 11 µs a 4 KB page on the
// benchmark machine (docs/ingest.md), about 0.3 µs a record of ~100 bytes, as much as encoding it.
// Freed buffers do not come back warm by themselves: V8 frees a buffer only after a full collection,
// so between two of them every arena is new memory.

/** An arena and who still needs it: the writer until it moves on, the tail while it holds a group. */
export class Arena {
  /** Groups of this arena the tail holds. */
  private held = 0;
  /** The writer has moved on to another arena. */
  private retired = false;

  constructor(
    readonly bytes: Buffer,
    private readonly pool: ArenaPool,
  ) {}

  /** The tail keeps a view of a group in this arena. */
  hold(): void {
    this.held += 1;
  }

  /** The tail dropped a group: the reader decoded it, or the tail ran out of room. */
  release(): void {
    this.held -= 1;
    if (this.held === 0 && this.retired) this.pool.recycle(this);
  }

  /** The writer appends no more to this arena. */
  retire(): void {
    this.retired = true;
    if (this.held === 0) this.pool.recycle(this);
  }

  /** Taken from the pool again: written to, held by no one. */
  renew(): this {
    this.retired = false;
    return this;
  }
}

/**
 * Arenas of `arenaBytes`, keeping at most `keep` unused ones. Whoever decodes records from a held
 * group must be done with their payloads (views into the arena) before the event loop turns: the
 * writer may write over the arena in the next message's handler. The reader hands records to the
 * batch being built in the same synchronous step, and a batch keeps values, not payloads.
 */
export class ArenaPool {
  private readonly free: Arena[] = [];
  private made = 0;

  constructor(
    private readonly arenaBytes: number,
    private readonly keep: number,
  ) {}

  /** An arena of at least `bytes`: an unused one if that is enough, else a new one. */
  take(bytes: number): Arena {
    if (bytes <= this.arenaBytes) {
      const reused = this.free.pop();
      if (reused) return reused.renew();
    }
    this.made += 1;
    return new Arena(Buffer.allocUnsafe(Math.max(this.arenaBytes, bytes)), this);
  }

  /** Arenas allocated so far, and how many of them wait to be used again. */
  counts(): { made: number; unused: number } {
    return { made: this.made, unused: this.free.length };
  }

  /** Called by an arena nobody needs any more; outsized ones are left to the garbage collector. */
  recycle(arena: Arena): void {
    if (arena.bytes.length === this.arenaBytes && this.free.length < this.keep) this.free.push(arena);
  }
}
