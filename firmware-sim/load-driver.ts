/** Which devices send an extra message now, to hold a target message rate. */
export type LoadDriver = {
  /** The devices (by index, round-robin) due to send at real time `now`, given `room` for more in flight. */
  take(now: number, room: number): number[];
};

/**
 * A token bucket over real time for `--sim-rate`: `rate` messages a second spread round-robin over
 * `devices` devices, at most one second's worth at once. When the broker acknowledges slower than that,
 * `room` (the in-flight window) runs out and tokens beyond one second's worth lapse: the achieved rate says what the
 * broker took, and no queue grows without end.
 * @example const load = createLoadDriver(10_000, 500, Date.now()); load.take(Date.now() + 20, 1000) // ≈ 200 indexes
 */
export function createLoadDriver(rate: number, devices: number, start: number): LoadDriver {
  let tokens = 0;
  let last = start;
  let cursor = 0;
  return {
    take(now, room) {
      tokens = Math.min(rate, tokens + ((now - last) / 1000) * rate);
      last = now;
      const count = Math.max(0, Math.min(Math.floor(tokens), Math.floor(room)));
      tokens -= count;
      const due: number[] = [];
      for (let i = 0; i < count && devices > 0; i++) {
        due.push(cursor);
        cursor = (cursor + 1) % devices;
      }
      return due;
    },
  };
}
