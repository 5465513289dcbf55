import { readFileSync } from 'node:fs';

// CPU time of another process (the broker child, influxd), and how much of a core a thread got,
// read from Linux's /proc: the benchmark shows what each part of the pipeline costs per event, which is
// what a two-core machine divides, and how much of the machine the broker's one thread was given.
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

/** The share of a stretch of time a thread ran, and spent ready to run but waiting for a core. */
export type ThreadShare = { ran: number; waited: number };

type ThreadSample = { at: number; ran: number; waited: number };

/**
 * Samples the main thread of `pid` every 25 ms (Linux schedstat: ns on a core, ns waiting for one)
 * until `stop()`, which gives its ThreadShare between two moments (epoch ms), to the samples nearest
 * inside them. The ingest benchmark's rate is the broker's one thread's, so how much of a core that
 * thread got, end to end and alone, is what the ratio comes down to; a publisher's start and warm-up
 * are left out by asking for the moments it published.
 */
export function mainThreadMeter(pid: number | undefined) {
  const samples: ThreadSample[] = [];
  const sample = () => {
    const now = schedstatNs(pid);
    if (now) samples.push({ at: Date.now(), ran: now[0], waited: now[1] });
  };
  sample();
  // Unref'd: a run that fails before stop() must not keep the benchmark's process alive.
  const timer = setInterval(sample, 25).unref();
  return {
    stop(from: number, to: number): ThreadShare | undefined {
      clearInterval(timer);
      sample();
      const first = samples.find((x) => x.at >= from);
      const last = samples.findLast((x) => x.at <= to);
      if (!first || !last || last.at - first.at < 100) return undefined;
      const wall = (last.at - first.at) * 1e6;
      return { ran: (last.ran - first.ran) / wall, waited: (last.waited - first.waited) / wall };
    },
  };
}

function schedstatNs(pid: number | undefined): [number, number] | undefined {
  if (pid === undefined) return undefined;
  try {
    const [ran, waited] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return Number.isFinite(ran) && Number.isFinite(waited) ? [ran as number, waited as number] : undefined;
  } catch {
    return undefined;
  }
}
