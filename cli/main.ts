// The `prossima` command line: parses flags and environment once, then starts one component or all
// of them. The only place in Prossima that reads process.env, prints banners and calls process.exit.
import { pino } from 'pino';
import { RegistryError } from '../broker/index.ts';
import { SiteFileError } from '../protocol/index.ts';
import { COMMANDS } from './commands.ts';
import { ConfigError, loadConfig, sitesOf } from './config.ts';
import { runDerive } from './derive-command.ts';
import { runDevices } from './devices-command.ts';
import { helpText } from './help.ts';
import { runTokens } from './tokens-command.ts';

async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log(helpText());
    return 0;
  }
  if (name === 'devices') return runDevices(args, process.env, (line) => console.log(line));
  if (name === 'tokens') return runTokens(args, process.env, (line) => console.log(line));
  if (name === 'derive') {
    const logger = (level: string) => pino({ level }, pino.destination(2));
    return runDerive(args, process.env, (line) => console.log(line), logger);
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  const { config } = loadConfig(args, process.env);
  const logger = pino({ level: config.logLevel }, pino.destination(2));
  const sites = await sitesOf(config);
  const started = await command.run(config, sites, logger);
  console.log(`Prossima ${name} is running.\n  ${started.lines.join('\n  ')}\nPress Ctrl-C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // A second Ctrl-C while closing means "now".
  process.once('SIGINT', () => process.exit(130));
  console.log('Stopping…');
  await started.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    const expected =
      error instanceof ConfigError || error instanceof SiteFileError || error instanceof RegistryError;
    console.error(expected ? error.message : `prossima: ${error.stack ?? error.message}`);
    process.exit(expected ? 2 : 1);
  },
);
