import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEMO_SITE_FILE, loadSites, type Site } from '../protocol/index.ts';
import { SETTINGS, type SettingName } from './settings.ts';

type Shape = { [K in SettingName]: (typeof SETTINGS)[K]['schema'] };

export const configSchema = z.object(
  Object.fromEntries(Object.entries(SETTINGS).map(([name, s]) => [name, s.schema])) as Shape,
);

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The one place that reads flags and the environment. Flags win over variables; every problem is
 * reported at once, each naming the flag and the variable it came from.
 */
export function loadConfig(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { config: Config; positionals: string[] } {
  const entries = Object.entries(SETTINGS) as Array<[SettingName, (typeof SETTINGS)[SettingName]]>;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      allowNegative: true,
      options: Object.fromEntries(
        entries.map(([, s]) => [s.flag, { type: 'switch' in s ? 'boolean' : 'string' }] as const),
      ),
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\nRun \`prossima help\` for the list of settings.`);
  }
  const raw: Record<string, unknown> = {};
  for (const [name, s] of entries) {
    const value = parsed.values[s.flag] ?? env[s.env];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const setting = SETTINGS[issue.path[0] as SettingName];
      return `  --${setting.flag} / ${setting.env}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { config: result.data, positionals: parsed.positionals };
}

/** The broker URL components use: the configured one, or the embedded broker's. */
export function mqttUrlOf(config: Config): string {
  return (
    config.mqttUrl ?? `mqtt://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.mqttPort}`
  );
}

/** The sites of `--sites`, or the bundled demo site. */
export function sitesOf(config: Config): Promise<Site[]> {
  return loadSites(config.sites ? config.sites.split(',').map((f) => f.trim()) : [DEMO_SITE_FILE]);
}
