// Applying stream events to a /live snapshot. Events carry one desk or the headcount, so the
// zone, floor and site counts are kept in step here instead of waiting for the next snapshot.
import type { Counts, DeskStateName, LiveDesk, LiveEvent, LiveSite } from '../../protocol/live-view.ts';

/**
 * Returns the snapshot with the event applied; the input is never changed. Events for another site
 * are ignored. Desk events carry the desk's whole state, so applying one twice is harmless.
 * @example live = applyLiveEvent(live, { kind: 'headcount', site: 'demo', headcount }, Date.now())
 */
export function applyLiveEvent(live: LiveSite, event: LiveEvent, receivedAt: number): LiveSite {
  if (event.site !== live.site) return live;
  const at = Math.max(live.at, receivedAt);
  if (event.kind === 'headcount') return { ...live, at, headcount: event.headcount };
  // Alerts are for managers' tools; the map has nothing to redraw for them.
  if (event.kind === 'alert') return live;
  return { ...applyDesk(live, event.desk), at };
}

function applyDesk(live: LiveSite, desk: LiveDesk): LiveSite {
  const before = live.desks.find((d) => d.id === desk.id);
  const desks = before ? live.desks.map((d) => (d.id === desk.id ? desk : d)) : [...live.desks, desk];
  const move = <C extends Counts>(counts: C) => moveCount(counts, before?.state, desk.state);
  return {
    ...live,
    desks,
    zones: live.zones.map((z) => (z.id === desk.zone ? move(z) : z)),
    floors: live.floors.map((f) => (f.id === desk.floor ? move(f) : f)),
    totals: move(live.totals),
  };
}

/** Moves one desk from one state's count to another's; a desk not counted before adds to `desks`. */
export function moveCount<C extends Counts>(
  counts: C,
  from: DeskStateName | undefined,
  to: DeskStateName,
): C {
  if (from === to) return counts;
  const next: Counts = { ...counts };
  next[to] += 1;
  if (from) next[from] = Math.max(0, next[from] - 1);
  else next.desks += 1;
  return { ...counts, ...next };
}

/** Share of a whole as a rounded percentage, 0 when there is no whole to share. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
