import { createTokenStore, type Role } from '../api/index.ts';
import { ConfigError, loadConfig } from './config.ts';

// `prossima tokens add|list|revoke`: API tokens, kept hashed in the data folder. A running API
// picks changes up within a second, so a revoked token stops working without a restart.

export const TOKENS_HELP =
  'API tokens: tokens add --role member|planner|manager [--name N] | list | revoke ID';

const ROLES: readonly Role[] = ['member', 'planner', 'manager'];

/** Takes --role and --name out of the arguments; the rest are general settings (e.g. --data-dir). */
function splitTokenArgs(args: readonly string[]) {
  const own: { role?: string; name?: string } = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag = '', inline] = arg.replace(/^--/, '').split(/=(.*)/s);
    if (arg.startsWith('--') && (flag === 'role' || flag === 'name')) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new ConfigError(`--${flag} needs a value`);
      own[flag] = value;
    } else rest.push(arg);
  }
  return { own, rest };
}

/**
 * Runs one tokens subcommand and returns the exit code. `add` prints the secret once: it is stored
 * as its SHA-256 only.
 * @example await runTokens(['add', '--role', 'manager', '--name', 'anna'], process.env, console.log)
 */
export async function runTokens(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<number> {
  const { own, rest } = splitTokenArgs(args);
  const { config, positionals } = loadConfig(rest, env);
  const [action, id] = positionals;
  const tokens = createTokenStore({ dataDir: config.dataDir });
  if (action === 'add') {
    const role = own.role as Role;
    if (!ROLES.includes(role)) throw new ConfigError(`--role: must be one of ${ROLES.join(', ')}`);
    const { token, info } = tokens.add(role, own.name ?? '');
    print(`Token ${info.id} (${info.role}${info.name ? `, ${info.name}` : ''}) — shown this once, keep it:`);
    print(token);
    return 0;
  }
  if (action === 'list') {
    for (const t of tokens.list()) {
      const state = t.revokedAt === null ? 'active' : `revoked ${new Date(t.revokedAt).toISOString()}`;
      print(`${t.id}  ${t.role.padEnd(8)} ${state.padEnd(32)} ${t.name}`);
    }
    return 0;
  }
  if (action === 'revoke' && id) {
    if (!tokens.revoke(id)) throw new ConfigError(`no token "${id}" in ${config.dataDir}`);
    print(`Token ${id} revoked.`);
    return 0;
  }
  throw new ConfigError(`Usage: prossima ${TOKENS_HELP}`);
}
