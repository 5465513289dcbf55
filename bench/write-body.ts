import { gzipSync } from 'node:zlib';
import { createDeskKeys, deskStateLine } from '../store/desk-state-line.ts';
import { encodeLines } from '../store/write-body.ts';
import { type BenchResult, measure } from './measure.ts';

// The body of an InfluxDB write (store/write-body.ts): 5,000 desk-state lines, gzipped at level 1.
// Baseline: lines built as template strings (each a rope of its pieces), joined with
// Array.prototype.join, which must flatten every rope, then gzipped. Then the same text lines written
// into one buffer (encodeLines), and the desk-state lines the store makes now, which write their own
// bytes (store/desk-state-line.ts). Each round builds its lines afresh, as the store does per batch.
export function benchWriteBody(): BenchResult[] {
  const desk = (d: number) => `d-${String(d).padStart(4, '0')}`;
  const keys = Array.from(
    { length: 1000 },
    (_, d) => `desk_state,desk=${desk(d)},floor=ground,site=bench,zone=z-${d % 20}`,
  );
  let round = 0;
  const next = () => {
    round += 1;
    return round * 5000;
  };
  const fresh = () => {
    const base = next();
    return Array.from(
      { length: 5000 },
      (_, i) => `${keys[i % 1000]} occupied=${i % 2}i,seq=${base + i}i ${1_790_000_000_000 + base + i}`,
    );
  };
  const deskKeys = createDeskKeys();
  const freshBytes = () => {
    const base = next();
    return Array.from({ length: 5000 }, (_, i) =>
      deskStateLine(
        {
          site: 'bench',
          floor: 'ground',
          zone: `z-${(i % 1000) % 20}`,
          desk: desk(i % 1000),
          occupied: i % 2 === 1,
          seq: base + i,
          ts: 1_790_000_000_000 + base + i,
        },
        deskKeys,
      ),
    );
  };
  const all = Array.from({ length: 5000 }, (_, i) => i);
  const baseline = measure('join + gzip (baseline), lines/s', 5000, () => {
    gzipSync(fresh().join('\n'), { level: 1 });
  });
  const text = measure('text lines in one buffer + gzip, lines/s', 5000, () => {
    gzipSync(encodeLines(fresh(), all), { level: 1 });
  });
  const bytes = measure('desk-state byte lines + gzip, lines/s', 5000, () => {
    gzipSync(encodeLines(freshBytes(), all), { level: 1 });
  });
  const ratio = (r: BenchResult) => ({ ...r, ratio: r.perSecond / baseline.perSecond });
  return [baseline, ratio(text), ratio(bytes)];
}
