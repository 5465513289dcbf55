import { COMMANDS } from './commands.ts';
import { DERIVE_HELP } from './derive-command.ts';
import { DEVICES_HELP } from './devices-command.ts';
import { SETTINGS } from './settings.ts';
import { TOKENS_HELP } from './tokens-command.ts';

/** `prossima help`: commands, then every setting with its flag, variable and default. */
export function helpText(): string {
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.help}`);
  const settings = Object.values(SETTINGS).map((s) => {
    const fallback = s.schema.safeParse(undefined);
    const shown =
      fallback.success && fallback.data !== undefined ? ` (default ${String(fallback.data)})` : '';
    return `  --${s.flag.padEnd(16)} ${s.env.padEnd(26)} ${s.help}${shown}`;
  });
  return [
    'Usage: prossima <command> [flags]',
    '',
    'Commands:',
    ...commands,
    `  devices  ${DEVICES_HELP}`,
    `  derive   ${DERIVE_HELP}`,
    `  tokens   ${TOKENS_HELP}`,
    '  help     this text',
    '',
    'Settings (flag, environment variable; a flag wins over its variable):',
    ...settings,
  ].join('\n');
}
