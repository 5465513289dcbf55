import type { Logger } from 'pino';
import { rederive } from '../ingest/index.ts';
import { openStore } from '../store/index.ts';
import { ConfigError, loadConfig, sitesOf } from './config.ts';
import { storeChoice, storeLabel } from './store-choice.ts';

// `prossima derive [DAYS]`: derives the reports' series again from the events in the store, then
// exits. Safe beside a running ingest: a derived record written twice is the same record.

const DEFAULT_DAYS = 28;

export const DERIVE_HELP = `the reports' series again from the stored events: derive [DAYS] (${DEFAULT_DAYS} when unset)`;
const DAY_MS = 86_400_000;

/**
 * Runs `prossima derive` and returns the exit code.
 * @example await runDerive(['7', '--store', 'influxdb'], process.env, console.log, logger)
 */
export async function runDerive(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
  logger: (level: string) => Logger,
  now: () => number = Date.now,
): Promise<number> {
  const { config, positionals } = loadConfig(args, env);
  const [daysText, extra] = positionals;
  const days = daysText === undefined ? DEFAULT_DAYS : Number(daysText);
  if (extra !== undefined || !Number.isInteger(days) || days <= 0) {
    throw new ConfigError(
      `Usage: prossima derive [DAYS], DAYS a whole number above 0 (${DEFAULT_DAYS} when unset)`,
    );
  }
  const sites = await sitesOf(config);
  const store = await openStore(storeChoice(config));
  const to = now();
  const from = to - days * DAY_MS;
  print(`Deriving ${days} days of ${sites.map((s) => s.id).join(', ')} from ${storeLabel(config)}…`);
  try {
    const started = now();
    const stats = await rederive({ store, sites, from, to, logger: logger(config.logLevel), now });
    const seconds = ((now() - started) / 1000).toFixed(1);
    print(`Done in ${seconds} s: ${stats.written} records written, ${stats.unchanged} unchanged.`);
    return 0;
  } finally {
    await store.close();
  }
}
