import type { Logger } from 'pino';
import { start as startApi } from '../api/index.ts';
import { start as startBroker } from '../broker/index.ts';
import { buildDashboard } from '../dashboard/index.ts';
import { start as startIngest } from '../ingest/index.ts';
import type { Site } from '../protocol/index.ts';
import { openStore } from '../store/index.ts';
import { apiSettings } from './api-settings.ts';
import { brokerLines, brokerOptionsOf } from './broker-options.ts';
import { type Config, mqttUrlOf } from './config.ts';
import { ingestScaleSettings, ingestSettings } from './ingest-settings.ts';
import { simSites, startSimulation } from './sim-command.ts';
import { startAll } from './start-all.ts';
import { storeChoice, storeLabel } from './store-choice.ts';

/** A running command: what to tell the user, and how to stop it. */
export type Started = { lines: string[]; close(): Promise<void> };
type Command = (config: Config, sites: Site[], logger: Logger) => Promise<Started>;

const mqttAuth = (config: Config) => ({
  mqttUsername: config.mqttUsername,
  mqttPassword: config.mqttPassword,
});

export const COMMANDS: Record<string, { help: string; run: Command }> = {
  start: {
    help: 'everything in one process: broker, ingest, API, dashboard and simulated sensors',
    run: async (config, sites, logger) => {
      const running = await startAll(config, sites, logger);
      const lines = [
        `Dashboard   ${running.httpUrl}/`,
        `API         ${running.httpUrl}/api/sites`,
        ...running.brokerLines,
        `Store       ${storeLabel(config)}`,
        running.simSeed === undefined ? 'Simulator   off' : `Simulator   on (seed ${running.simSeed})`,
        ...running.simLines,
      ];
      return { lines, close: running.close };
    },
  },
  broker: {
    help: 'the embedded MQTT broker alone',
    run: async (config, _sites, logger) => {
      const broker = await startBroker(brokerOptionsOf(config, logger));
      return { lines: brokerLines(broker, config), close: broker.close };
    },
  },
  ingest: {
    help: 'the ingest worker alone, on the broker at --mqtt-url',
    run: async (config, sites, logger) => {
      const store = await openStore(storeChoice(config));
      const ingest = await startIngest({
        mqttUrl: mqttUrlOf(config),
        ...mqttAuth(config),
        ...ingestSettings(config),
        ...ingestScaleSettings(config),
        sites,
        store,
        logger,
      });
      return {
        lines: [`Ingest      ${mqttUrlOf(config)} -> ${store.kind}`],
        close: async () => {
          await ingest.close();
          await store.close();
        },
      };
    },
  },
  api: {
    help: 'the API and dashboard alone, on the broker at --mqtt-url',
    run: async (config, sites, logger) => {
      const store = await openStore(storeChoice(config));
      const api = await startApi({
        host: config.host,
        port: config.httpPort,
        mqttUrl: mqttUrlOf(config),
        ...mqttAuth(config),
        sites,
        store,
        assets: await buildDashboard({ minify: true }),
        ...apiSettings(config),
        logger,
      });
      return {
        lines: [`Dashboard   ${api.url}/`, `API         ${api.url}/api/sites`],
        close: async () => {
          await api.close();
          await store.close();
        },
      };
    },
  },
  sim: {
    help: 'the simulated sensors alone, publishing to --mqtt-url',
    run: async (config, sites, logger) => {
      const sim = await startSimulation(config, simSites(config, sites), {
        mqttUrl: mqttUrlOf(config),
        login: mqttAuth(config),
        profileShift: 'none',
        logger,
      });
      return { lines: sim.lines, close: sim.close };
    },
  },
};
