import { decodeMessage } from '../protocol/index.ts';
import { type BenchResult, measure } from './measure.ts';

// Validating a message is on ingest's hot path: every message pays for it once.
// Baseline: JSON.parse alone, the least a decoder that parses JSON must do. Desk states in the
// compact shape sensors send are read from their bytes without JSON.parse (protocol/payload-scan.ts);
// the same payloads with a space after each colon take the long way (JSON.parse, fast path, zod).
export async function benchDecode(): Promise<BenchResult[]> {
  const topic = 'prossima/v1/demo/desk/a-01/state';
  const payloads = Array.from({ length: 1000 }, (_, i) =>
    Buffer.from(JSON.stringify({ occupied: i % 2 === 0, ts: 1_790_000_000_000 + i, seq: i })),
  );
  const spaced = payloads.map((p) => Buffer.from(p.toString('utf8').replaceAll(':', ': ')));
  const baseline = measure('JSON.parse only (baseline)', payloads.length, () => {
    for (const p of payloads) JSON.parse(p.toString('utf8'));
  });
  const decode = measure('decodeMessage, compact desk states', payloads.length, () => {
    for (const p of payloads) decodeMessage(topic, p);
  });
  const long = measure('decodeMessage, the long way', payloads.length, () => {
    for (const p of spaced) decodeMessage(topic, p);
  });
  return [
    baseline,
    { ...decode, ratio: decode.perSecond / baseline.perSecond },
    { ...long, ratio: long.perSecond / baseline.perSecond },
  ];
}
