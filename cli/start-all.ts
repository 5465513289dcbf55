import type { Logger } from 'pino';
import { start as startApi } from '../api/index.ts';
import { start as startBroker } from '../broker/index.ts';
import { buildDashboard } from '../dashboard/index.ts';
import { start as startIngest } from '../ingest/index.ts';
import type { Site } from '../protocol/index.ts';
import { openStore } from '../store/index.ts';
import { apiSettings } from './api-settings.ts';
import { brokerLines, brokerOptionsOf } from './broker-options.ts';
import type { Config } from './config.ts';
import { ingestSettings } from './ingest-settings.ts';
import { serviceAuth } from './service-auth.ts';
import { simSites, startSimulation } from './sim-command.ts';
import { storeChoice } from './store-choice.ts';

export type Running = {
  mqttUrl: string;
  /** What to print about the broker: its URLs, and the anonymous-access warning when it is on. */
  brokerLines: string[];
  httpUrl: string;
  simSeed: number | undefined;
  /** What the simulator says it is doing: devices, history being sent. */
  simLines: string[];
  close(): Promise<void>;
};

/**
 * The one place several components share a process: broker, store, ingest, API with the dashboard,
 * and the simulator, started in dependency order and closed in reverse. They still talk over MQTT
 * and HTTP exactly as they would in separate processes.
 */
export async function startAll(config: Config, configured: Site[], logger: Logger): Promise<Running> {
  // Load tests (--sim-devices) add copies of the sites, which ingest and the API must know too.
  const sites = config.sim ? simSites(config, configured) : configured;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne().catch((e: Error) => logger.error(e.message));
  };
  try {
    // Each run gives its own services fresh secrets, held in memory only: no setup step, nothing to leak.
    const auth = serviceAuth(sites);
    const broker = await startBroker(brokerOptionsOf(config, logger.child({ c: 'broker' }), auth.services));
    closers.push(broker.close);
    const store = await openStore(storeChoice(config));
    closers.push(store.close);
    const ingest = await startIngest({
      mqttUrl: broker.url,
      ...auth.login.ingest,
      ...ingestSettings(config),
      sites,
      store,
      logger: logger.child({ c: 'ingest' }),
    });
    closers.push(ingest.close);
    const api = await startApi({
      host: config.host,
      port: config.httpPort,
      mqttUrl: broker.url,
      ...auth.login.api,
      sites,
      store,
      assets: await buildDashboard({ minify: true }),
      ...apiSettings(config),
      logger: logger.child({ c: 'api' }),
    });
    closers.push(api.close);
    let simSeed: number | undefined;
    let simLines: string[] = [];
    if (config.sim) {
      // With the store: four weeks of history on a first run, sent while the live devices play.
      const sim = await startSimulation(config, sites, {
        mqttUrl: broker.url,
        login: auth.login.sim,
        store,
        profileShift: 'auto',
        logger: logger.child({ c: 'sim' }),
      });
      closers.push(sim.close);
      simSeed = sim.seed;
      simLines = sim.lines.slice(1);
    }
    return {
      mqttUrl: broker.url,
      brokerLines: brokerLines(broker, config),
      httpUrl: api.url,
      simSeed,
      simLines,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
