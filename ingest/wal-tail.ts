import { entryEnd, ownEntryAt, type WalEntry } from './wal-format.ts';
import { comparePositions, type WalPosition } from './wal-position.ts';

// The groups this process committed to the log and the reader has not reached yet, kept in memory as
// the bytes written. The reader is usually a batch behind the writer, so it decodes them from here
// instead of reading back and checksumming what it wrote a moment ago. Bytes, not the records as
// objects: at full rate a few thousand records wait here at any moment, and as objects each young-
// generation collection copied them (and their payloads' views) once or twice, about 2 MB a time.
// Bounded: when the store falls behind, the oldest groups are dropped, and the reader reads those
// from the files as it always could. The files stay the truth; this only saves the read.

/** Whose memory a group's bytes are: told when the tail keeps a group and when it lets go. */
export type GroupOwner = { hold(): void; release(): void };

type Group = {
  segment: number;
  offset: number;
  end: number;
  bytes: Buffer;
  records: number;
  owner: GroupOwner | undefined;
};

export type WalTail = ReturnType<typeof createWalTail>;

/** Holds at most `maxRecords` records and `maxBytes` of them as the log stores them. */
export function createWalTail(maxRecords: number, maxBytes: number) {
  let groups: (Group | undefined)[] = [];
  let head = 0;
  let bytes = 0;
  let records = 0;
  /** Records of the oldest group already taken. */
  let headTaken = 0;

  function dropHead(): void {
    const group = groups[head];
    if (group) {
      bytes -= group.bytes.length;
      records -= group.records;
      group.owner?.release();
    }
    headTaken = 0;
    groups[head] = undefined;
    head += 1;
    // Compacted now and then, so the array neither grows for ever nor is copied on every drop.
    if (head >= 1024 && head * 2 >= groups.length) {
      groups = groups.slice(head);
      head = 0;
    }
  }

  return {
    /**
     * `count` records just committed at `offset` of `segment`, as `group` holds them (kept, not
     * copied); `owner` is told when the tail lets go of them. Records taken are views into `group`.
     */
    add(segment: number, offset: number, group: Buffer, count: number, owner?: GroupOwner): void {
      owner?.hold();
      groups.push({ segment, offset, end: offset + group.length, bytes: group, records: count, owner });
      bytes += group.length;
      records += count;
      while (head < groups.length && (records > maxRecords || bytes > maxBytes)) dropHead();
    },
    /**
     * Decodes the records starting exactly at `from` into `out`, in log order, up to `max` in `out`
     * and none ending past `stop`. Returns where the last one taken ends; undefined when the record
     * at `from` is not here (not committed by this process, or dropped), and the files must be read.
     */
    take(from: WalPosition, stop: WalPosition, max: number, out: WalEntry[]): WalPosition | undefined {
      for (let g = groups[head]; g && comparePositions({ segment: g.segment, offset: g.end }, from) <= 0; ) {
        dropHead();
        g = groups[head];
      }
      const segment = from.segment;
      let at = from.offset;
      let taken = false;
      for (let g = groups[head]; g && out.length < max; g = groups[head]) {
        if (g.segment !== segment || g.offset > at || g.end <= at) break;
        const limit = g.segment === stop.segment ? Math.min(g.end, stop.offset) : g.end;
        while (at < limit && out.length < max) {
          const end = g.offset + entryEnd(g.bytes, at - g.offset);
          if (end > limit) break;
          out.push(ownEntryAt(g.bytes, at - g.offset));
          headTaken += 1;
          at = end;
          taken = true;
        }
        if (at < g.end) break;
        dropHead();
      }
      if (!taken) return undefined;
      return { segment, offset: at };
    },
    /** Records held now. */
    size: () => records - headTaken,
  };
}
