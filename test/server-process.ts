import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

// Throwaway redis-server and Mosquitto for tests and benchmarks: each on its own free port with its
// own temporary folder and config, stopped and deleted by close().

export type ServerHandle = { port: number; url: string; child: ChildProcess; close(): Promise<void> };

/** A port free right now (another process may take it before we bind it: callers retry). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts redis-server on 127.0.0.1 without persistence to disk.
 * @example const redis = await startRedis(path); … broker({ redisUrl: redis.url }) …; await redis.close();
 */
export function startRedis(executable = 'redis-server'): Promise<ServerHandle> {
  return startServer('redis', async (dir, port) => ({
    command: executable,
    args: [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
      ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    ],
    ready: /Ready to accept connections/,
    url: `redis://127.0.0.1:${port}`,
  }));
}

/**
 * Starts Debian's mosquitto with a config of its own: one listener, anonymous access unless
 * `extraConfig` says otherwise (later lines win, e.g. `allow_anonymous false`).
 * @example const mosquitto = await startMosquitto('/usr/sbin/mosquitto'); mqtt.connect(mosquitto.url)
 */
export function startMosquitto(executable = 'mosquitto', extraConfig: string[] = []): Promise<ServerHandle> {
  return startServer('mosquitto', async (dir, port) => {
    const config = join(dir, 'mosquitto.conf');
    await writeFile(
      config,
      [
        `listener ${port} 127.0.0.1`,
        // Run as root, mosquitto would switch to the `mosquitto` user, who cannot read our temp files.
        `user ${userInfo().username}`,
        'allow_anonymous true',
        'persistence false',
        // stderr: mosquitto buffers stdout when it is not a terminal, and the ready line would not come.
        'log_dest stderr',
        'log_type error',
        'log_type warning',
        'log_type notice',
        'log_type information',
        'max_queued_messages 100000',
        ...extraConfig,
        '',
      ].join('\n'),
    );
    return {
      command: executable,
      args: ['-c', config],
      ready: /running|Opening ipv4 listen socket/,
      url: `mqtt://127.0.0.1:${port}`,
    };
  });
}

type Plan = { command: string; args: string[]; ready: RegExp; url: string };

async function startServer(
  name: string,
  plan: (dir: string, port: number) => Promise<Plan>,
): Promise<ServerHandle> {
  const dir = await mkdtemp(join(tmpdir(), `prossima-${name}-`));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await run(await plan(dir, port), port, dir);
    } catch (error) {
      if (attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

async function run(plan: Plan, port: number, dir: string): Promise<ServerHandle> {
  const child = spawn(plan.command, plan.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${plan.command} did not start:\n${output}`)), 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
      if (plan.ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`${plan.command} exited (${code}):\n${output}`)));
  });
  child.removeAllListeners('exit');
  return {
    port,
    url: plan.url,
    child,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
