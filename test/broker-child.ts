// The broker alone in a process of its own, for tests that need several brokers (Redis scale-out)
// without loading the whole CLI. Options come as JSON in argv[2]; it prints `MQTT <url>` when ready
// and closes cleanly on SIGINT/SIGTERM, like `prossima broker`.
import { type BrokerOptions, start } from '../broker/index.ts';

const broker = await start(JSON.parse(process.argv[2] ?? '{}') as BrokerOptions);
console.log(`MQTT ${broker.url}`);
const stop = async () => {
  await broker.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
