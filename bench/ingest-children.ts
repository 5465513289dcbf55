import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

// Runs a benchmark part (broker, publishers) as its own Node process, so each has its own core and
// event loop as in production, and reads the one JSON line it prints.

/**
 * The V8 flags `prossima` runs with (its executable's first line and `npm start`), so the broker and
 * ingest are measured as they run in production. `npm run bench` gives them to this process too.
 */
export const PRODUCTION_FLAGS = ['--max-semi-space-size=32'];

/**
 * The load generator's: it keeps little alive (the publishes awaiting PUBACK), so a small young
 * generation serves it. With production's 32 MB it grew its young generation during the measured
 * run, and each fresh 4 KB page cost a page fault of about 11 µs on this machine (docs/ingest.md):
 * 39 faults per 1,000 events, against 13 with 4 MB.
 */
export const LOAD_GENERATOR_FLAGS = ['--max-semi-space-size=4'];

/** Says when this process (ingest runs in it) was started without the production flags. */
export function missingProductionFlags(): string[] {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(' ')];
  return PRODUCTION_FLAGS.filter((flag) => !given.includes(flag));
}

export type Child = { child: ChildProcess; result: Promise<Record<string, unknown>> };

export function runChild(file: string, arg?: unknown, flags = PRODUCTION_FLAGS): Child {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const args = [...flags, '--import', 'tsx', path, ...(arg === undefined ? [] : [JSON.stringify(arg)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before answering: ${out}`)));
  });
  result.catch(() => undefined);
  return { child, result };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
