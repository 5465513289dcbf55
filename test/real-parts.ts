import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// Tests use real InfluxDB, Chromium and Mosquitto. Locally a missing one skips its tests with a
// reason; under CI=true a missing one is a failure, so CI can never pass by skipping.

export type RealPart = { found: true; path: string } | { found: false; reason: string };

/** Finds an executable on PATH (or at an absolute path). */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = command.includes('/')
    ? [command]
    : (env.PATH ?? '').split(delimiter).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/**
 * Looks for a real part a test needs; throws under CI=true when it is missing.
 * @example const influxd = realPart('influxd', 'apt-get install influxdb'); describe.skipIf(!influxd.found)(…)
 */
export function realPart(command: string, install: string, env: NodeJS.ProcessEnv = process.env): RealPart {
  const path = findExecutable(command, env);
  if (path) return { found: true, path };
  const reason = `${command} not found on PATH (install it: ${install})`;
  if (env.CI === 'true') throw new Error(`CI=true and a real part is missing: ${reason}`);
  console.warn(`skipping tests that need ${command}: ${reason}`);
  return { found: false, reason };
}
