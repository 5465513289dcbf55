/** A time range [from, to) in epoch ms. */
export type Range = { from: number; to: number };

/**
 * The ranges of a site whose derived series are out of date. Overlapping or touching ranges merge,
 * so a burst of live events is one small range and a late event from last week is another, instead
 * of one range stretching across the week between them.
 */
export function addRange(ranges: readonly Range[], added: Range, joinGapMs: number): Range[] {
  const all = [...ranges, added].sort((a, b) => a.from - b.from);
  const merged: Range[] = [];
  for (const range of all) {
    const last = merged.at(-1);
    if (last && range.from <= last.to + joinGapMs) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}
