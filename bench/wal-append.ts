import { crc32 } from 'node:zlib';
import { encodeEntryInto, type WalEntry } from '../ingest/wal-format.ts';
import { type BenchResult, measure } from './measure.ts';

// Every message ingest takes is encoded into its write-ahead log before its PUBACK leaves
// (ingest/wal-format.ts). Records as the benchmark's desk states make them: topics of 1,000 desks,
// payloads in the compact shape. Baseline: the same record written with Buffer#write for the topic
// and zlib's crc32 over a view of the body, as the log did before its own CRC-32 (ingest/crc32.ts).
export function benchWalAppend(): BenchResult[] {
  const entries: WalEntry[] = Array.from({ length: 1000 }, (_, i) => ({
    topic: `prossima/v1/bench/desk/d-${String(i).padStart(4, '0')}/state`,
    payload: Buffer.from(`{"occupied":${i % 2 === 0},"ts":${1_790_000_000_000 + i},"seq":${i}}`),
    receivedAt: 1_790_000_000_000 + i,
    retain: false,
  }));
  const out = Buffer.allocUnsafe(1024 * 1024);
  const baseline = measure('Buffer#write + zlib crc32 (baseline)', entries.length, () => {
    let at = 0;
    for (const entry of entries) at += encodeWithZlib(entry, out, at);
  });
  const current = measure('encodeEntryInto, records', entries.length, () => {
    let at = 0;
    for (const entry of entries) at += encodeEntryInto(entry, out, at);
  });
  return [baseline, { ...current, ratio: current.perSecond / baseline.perSecond }];
}

function encodeWithZlib(entry: WalEntry, out: Buffer, at: number): number {
  const start = at + 8;
  out.writeDoubleLE(entry.receivedAt, start);
  out[start + 8] = entry.retain ? 1 : 0;
  const topicBytes = out.write(entry.topic, start + 11, 'utf8');
  out.writeUInt16LE(topicBytes, start + 9);
  const body = 11 + topicBytes + entry.payload.length;
  entry.payload.copy(out, start + 11 + topicBytes);
  out.writeUInt32LE(body, at);
  out.writeUInt32LE(crc32(out.subarray(start, start + body)), at + 4);
  return 8 + body;
}
