import { gzipSync } from 'node:zlib';
import { createDeskKeys, deskStateLine } from '../store/desk-state-line.ts';
import type { DeskStateRecord } from '../store/records.ts';
import { encodeLines } from '../store/write-body.ts';
import { type BenchResult, measure } from './measure.ts';

// The body of an InfluxDB write (store/write-body.ts): 5,000 desk-state records made into lines and
// gzipped at level 1, lines/s. Baseline: lines built as template strings, as the store once built
// them (the desk's key found by a joined id, then `${key} occupied=…`), joined with
// Array.prototype.join, which must flatten every rope, then gzipped. Then the same text lines written
// into one buffer (encodeLines), and the desk-state lines the store makes now, which write their own
// bytes (store/desk-state-line.ts). Records are made beforehand, as ingest hands them to the store.
export function benchWriteBody(): BenchResult[] {
  const batches = Array.from({ length: 4 }, (_, b) => records(b * 5000));
  let round = 0;
  const next = () => batches[round++ % batches.length] as DeskStateRecord[];
  const textKeys = new Map<string, string>();
  const textLine = (r: DeskStateRecord) => {
    const id = `${r.site}\n${r.floor}\n${r.zone}\n${r.desk}`;
    let key = textKeys.get(id);
    if (key === undefined) {
      key = `desk_state,desk=${r.desk},floor=${r.floor},site=${r.site},zone=${r.zone}`;
      textKeys.set(id, key);
    }
    return `${key} occupied=${r.occupied ? 1 : 0}i,seq=${r.seq}i ${r.ts}`;
  };
  const deskKeys = createDeskKeys();
  const all = Array.from({ length: 5000 }, (_, i) => i);
  const baseline = measure('join + gzip (baseline), lines/s', 5000, () => {
    gzipSync(next().map(textLine).join('\n'), { level: 1 });
  });
  const text = measure('text lines in one buffer + gzip, lines/s', 5000, () => {
    gzipSync(encodeLines(next().map(textLine), all), { level: 1 });
  });
  const bytes = measure('desk-state byte lines + gzip, lines/s', 5000, () => {
    gzipSync(
      encodeLines(
        next().map((r) => deskStateLine(r, deskKeys)),
        all,
      ),
      { level: 1 },
    );
  });
  const ratio = (r: BenchResult) => ({ ...r, ratio: r.perSecond / baseline.perSecond });
  return [baseline, ratio(text), ratio(bytes)];
}

function records(base: number): DeskStateRecord[] {
  return Array.from({ length: 5000 }, (_, i) => ({
    site: 'bench',
    floor: 'ground',
    zone: `z-${(i % 1000) % 20}`,
    desk: `d-${String(i % 1000).padStart(4, '0')}`,
    occupied: i % 2 === 1,
    seq: base + i,
    ts: 1_790_000_000_000 + base + i,
  }));
}
