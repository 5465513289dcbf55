import { readFileSync } from 'node:fs';

// CPU time of another process (the broker child, influxd), read from Linux's /proc: the benchmark
// shows what each part of the pipeline costs per event, which is what a two-core machine divides.
// Elsewhere it reads nothing, and the figures are left out.

/** User + system CPU time of `pid` in µs, or undefined when it cannot be read. */
export function processCpuUs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
    // utime and stime are the 12th and 13th, in clock ticks of 10 ms on Linux.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10_000 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts counting the CPU time of some processes; `perEvent` gives each one's µs per event since. */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuUs(pid)]));
  return {
    perEvent(events: number): Record<string, number> {
      const out: Record<string, number> = {};
      for (const [name, pid] of Object.entries(pids)) {
        const before = start[name];
        const now = processCpuUs(pid);
        if (before !== undefined && now !== undefined) out[name] = (now - before) / events;
      }
      return out;
    },
  };
}
