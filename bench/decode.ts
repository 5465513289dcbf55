import { decodeMessage } from '../protocol/index.ts';
import { type BenchResult, measure } from './measure.ts';

// Validating a message is on ingest's hot path: every message pays for it once.
// Baseline: JSON.parse alone, the least any decoder must do.
export async function benchDecode(): Promise<BenchResult[]> {
  const topic = 'prossima/v1/demo/desk/a-01/state';
  const payloads = Array.from({ length: 1000 }, (_, i) =>
    Buffer.from(JSON.stringify({ occupied: i % 2 === 0, ts: 1_790_000_000_000 + i, seq: i })),
  );
  const baseline = measure('JSON.parse only (baseline)', payloads.length, () => {
    for (const p of payloads) JSON.parse(p.toString('utf8'));
  });
  const decode = measure('decodeMessage (topic + JSON + zod)', payloads.length, () => {
    for (const p of payloads) decodeMessage(topic, p);
  });
  return [baseline, { ...decode, ratio: decode.perSecond / baseline.perSecond }];
}
