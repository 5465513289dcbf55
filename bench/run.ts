// Benchmarks: each prints figures and a ratio against a baseline measured in the same run, so the
// numbers mean something on any machine. See bench/README.md for what each measures.
import { benchApiLive, printLoadResults } from './api-live.ts';
import { benchBrokerDrain } from './broker-drain.ts';
import { benchBroker } from './broker-fanin.ts';
import { benchDecode } from './decode.ts';
import { benchIngest } from './ingest-e2e.ts';
import { benchIntakeReceive } from './intake-receive.ts';
import { printResults } from './measure.ts';
import { benchPubackWrite } from './puback-write.ts';
import { benchReport90Days } from './report-90-days.ts';
import { benchSimScale } from './sim-scale.ts';
import { benchWalAppend } from './wal-append.ts';
import { benchWriteBody } from './write-body.ts';

printResults('Decode: validating one MQTT message', await benchDecode());
printResults('Ingest: the body of an InfluxDB write, 5,000 lines', benchWriteBody());
printResults('Ingest: PUBACKs held for a group, then sent', await benchPubackWrite());
printResults('Ingest: messages taken and acknowledged, per CPU second', await benchIntakeReceive());
printResults('Ingest: appending to the log, records', benchWalAppend());
await benchReport90Days();
const broker = await benchBroker();
printResults(
  'Broker: 50 device publishers to one subscriber, auth and ACL on (ratio: / Mosquitto)',
  broker.results,
);
for (const line of broker.memory) console.log(line);
printResults(
  'Broker: a persistent session draining its backlog on reconnect, messages/s (ratio: / aedes alone)',
  await benchBrokerDrain(),
);
printLoadResults(
  'API: live endpoint under load (autocannon CLI in a child process, 50 connections)',
  await benchApiLive(),
);
await benchIngest();
const sim = await benchSimScale();
printResults(
  'Simulator: 10,000 devices, each its own connection, against `prossima broker` (ratio: / one raw publisher)',
  sim.results,
);
for (const line of sim.notes) console.log(line);
