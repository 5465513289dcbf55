// A child process of the ingest benchmark: the embedded broker on its own core, as in production
// when `prossima broker` runs apart. Prints its URL, stops on SIGTERM.
import { start } from '../broker/index.ts';

const broker = await start({
  port: 0,
  allowAnonymous: true,
  limits: { publishRate: 1_000_000, publishBurst: 1_000_000 },
});
console.log(JSON.stringify({ url: broker.url }));
process.once('SIGTERM', () => void broker.close());
