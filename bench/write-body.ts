import { gzipSync } from 'node:zlib';
import { encodeLines } from '../store/write-body.ts';
import { type BenchResult, measure } from './measure.ts';

// The body of an InfluxDB write (store/write-body.ts): 5,000 desk-state lines, built as the store
// builds them (template strings, so each line is a rope of its pieces), newline-separated and
// gzipped at level 1. Baseline: the same lines joined with Array.prototype.join, which must flatten
// every rope, then gzipped. Each round builds fresh lines, since a rope flattened once stays flat.
export function benchWriteBody(): BenchResult[] {
  const keys = Array.from(
    { length: 1000 },
    (_, d) => `desk_state,desk=d-${String(d).padStart(4, '0')},floor=ground,site=bench,zone=z-${d % 20}`,
  );
  let round = 0;
  const fresh = () => {
    round += 1;
    const base = round * 5000;
    return Array.from(
      { length: 5000 },
      (_, i) => `${keys[i % 1000]} occupied=${i % 2}i,seq=${base + i}i ${1_790_000_000_000 + base + i}`,
    );
  };
  const all = Array.from({ length: 5000 }, (_, i) => i);
  const baseline = measure('join + gzip (baseline), lines/s', 5000, () => {
    gzipSync(fresh().join('\n'), { level: 1 });
  });
  const body = measure('encodeLines + gzip, lines/s', 5000, () => {
    gzipSync(encodeLines(fresh(), all), { level: 1 });
  });
  return [baseline, { ...body, ratio: body.perSecond / baseline.perSecond }];
}
