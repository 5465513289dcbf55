import { mulberry32 } from './prng.ts';

/** A device off the network from `at` for `downMs` (simulated ms). */
export type Outage = { device: string; at: number; downMs: number };

export type OutagePlan = {
  /** Outages starting by `to`, in time order (ties by device order). */
  due(to: number): Outage[];
  /** Whether the device is down at `at` (its messages then go nowhere). */
  isDown(device: string, at: number): boolean;
};

const HOUR_MS = 3_600_000;
const MIN_DOWN_MS = 10_000;

/**
 * When devices drop off and for how long: each device independently, `perHour` outages per simulated hour
 * on average (a Poisson process), each lasting an exponential time of mean `meanDownMs`. Pure and seeded.
 * @example const plan = planOutages(['ds-a-01'], { perHour: 0.5, meanDownMs: 180_000, seed: 7, start });
 */
export function planOutages(
  devices: readonly string[],
  options: { perHour: number; meanDownMs: number; seed: number; start: number },
): OutagePlan {
  const random = mulberry32(options.seed);
  const rate = options.perHour / HOUR_MS;
  const gap = () => (rate > 0 ? -Math.log(1 - random()) / rate : Number.POSITIVE_INFINITY);
  const next = devices.map(() => options.start + gap());
  const down = new Map<string, { from: number; until: number }>();
  return {
    due(to) {
      const started: Outage[] = [];
      for (;;) {
        let first = -1;
        for (let i = 0; i < next.length; i++) {
          if ((next[i] ?? Infinity) <= to && (first < 0 || (next[i] ?? 0) < (next[first] ?? 0))) first = i;
        }
        if (first < 0) break;
        const at = Math.round(next[first] ?? 0);
        const downMs = Math.round(
          MIN_DOWN_MS + -Math.log(1 - random()) * Math.max(0, options.meanDownMs - MIN_DOWN_MS),
        );
        const device = devices[first] ?? '';
        started.push({ device, at, downMs });
        down.set(device, { from: at, until: at + downMs });
        next[first] = at + downMs + gap();
      }
      return started;
    },
    isDown(device, at) {
      const outage = down.get(device);
      return outage !== undefined && at >= outage.from && at < outage.until;
    },
  };
}
