// A test-only entry: one ingest worker in a process of its own (SQLite store in `dataDir`), so a test
// can kill it with SIGKILL. Prints `ready` once subscribed; closes cleanly on SIGTERM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start } from '../ingest/index.ts';
import { parseSite } from '../protocol/index.ts';
import { openSqliteStore } from '../store/index.ts';

const { mqttUrl, dataDir, sitesFile } = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const store = await openSqliteStore({ file: join(dataDir ?? '.', 'prossima.db') });
const ingest = await start({
  mqttUrl: mqttUrl ?? '',
  sites: [parseSite(JSON.parse(readFileSync(sitesFile ?? '', 'utf8')))],
  store,
  walDir: join(dataDir ?? '.', 'ingest-wal'),
  statsIntervalMs: 0,
});
console.log('ready');
process.once('SIGTERM', () => {
  void ingest.close().then(() => store.close());
});
