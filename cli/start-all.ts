import type { Logger } from 'pino';
import { start as startApi } from '../api/index.ts';
import { start as startBroker } from '../broker/index.ts';
import { buildDashboard } from '../dashboard/index.ts';
import { start as startSim } from '../firmware-sim/index.ts';
import { start as startIngest } from '../ingest/index.ts';
import type { Site } from '../protocol/index.ts';
import { openStore } from '../store/index.ts';
import type { Config } from './config.ts';
import { storeChoice } from './store-choice.ts';

export type Running = {
  mqttUrl: string;
  httpUrl: string;
  simSeed: number | undefined;
  close(): Promise<void>;
};

/**
 * The one place several components share a process: broker, store, ingest, API with the dashboard,
 * and the simulator, started in dependency order and closed in reverse. They still talk over MQTT
 * and HTTP exactly as they would in separate processes.
 */
export async function startAll(config: Config, sites: Site[], logger: Logger): Promise<Running> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch((e: Error) => logger.error(e.message));
  };
  try {
    const broker = await startBroker({
      host: config.host,
      port: config.mqttPort,
      logger: logger.child({ c: 'broker' }),
    });
    closers.push(broker.close);
    const store = await openStore(storeChoice(config));
    closers.push(store.close);
    const ingest = await startIngest({
      mqttUrl: broker.url,
      sites,
      store,
      logger: logger.child({ c: 'ingest' }),
    });
    closers.push(ingest.close);
    const api = await startApi({
      host: config.host,
      port: config.httpPort,
      mqttUrl: broker.url,
      sites,
      store,
      assets: await buildDashboard({ minify: true }),
      logger: logger.child({ c: 'api' }),
    });
    closers.push(api.close);
    let simSeed: number | undefined;
    if (config.sim) {
      const sim = await startSim({
        mqttUrl: broker.url,
        sites,
        seed: config.simSeed,
        speed: config.simSpeed,
        profileShift: 'auto',
        logger: logger.child({ c: 'sim' }),
      });
      closers.push(sim.close);
      simSeed = sim.seed;
    }
    return { mqttUrl: broker.url, httpUrl: api.url, simSeed, close };
  } catch (error) {
    await close();
    throw error;
  }
}
