// Benchmarks: each prints figures and a ratio against a baseline measured in the same run, so the
// numbers mean something on any machine. See bench/README.md for what each measures.
import { benchDecode } from './decode.ts';
import { printResults } from './measure.ts';
import { benchReport90Days } from './report-90-days.ts';

printResults('Decode: validating one MQTT message', await benchDecode());
await benchReport90Days();
