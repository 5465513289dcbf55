// mqemitter (aedes' message router, and the base of mqemitter-redis) completes a message that has no
// listener synchronously, then takes the next queued message in the same call stack. When a backlog
// has built up (the emitter at its concurrency behind a slow subscriber) and that subscriber leaves,
// the backlog drains by recursion, one frame set per message, until "Maximum call stack size exceeded"
// kills the broker: a client-triggered crash, found by the benchmark. Completing listener-less
// messages on the next turn keeps the stack flat; messages that have listeners are untouched.

type Parallel = (
  that: unknown,
  toCall: unknown[] | ((...a: unknown[]) => void),
  arg: unknown,
  done: () => void,
) => void;

export function flattenEmitter(mq: unknown): void {
  const emitter = mq as { _parallel?: Parallel };
  const parallel = emitter._parallel;
  if (typeof parallel !== 'function') throw new Error('mqemitter changed: no _parallel to guard');
  emitter._parallel = (that, toCall, arg, done) => {
    if (Array.isArray(toCall) && toCall.length === 0) setImmediate(parallel, that, toCall, arg, done);
    else parallel(that, toCall, arg, done);
  };
}
