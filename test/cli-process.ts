import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli/prossima.js', import.meta.url));

export type CliProcess = {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Waits for a line of stdout matching `pattern` and returns its first capture group. */
  read(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code once the process has ended by itself. */
  exited(): Promise<number | null>;
  /** Sends a signal and resolves with the exit code once the process has gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Runs `prossima …` as a real child process, as a user would from a shell. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, PROSSIMA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    read: async (pattern, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(out);
        if (match?.[1]) return match[1];
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`no ${pattern} in output (exit ${child.exitCode}):\n${out}\n${err}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    exited: () => exited,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
