// Notices a desk going offline between two live states, so sensor health can be read again at once.
import type { LiveSite } from '../../../../protocol/live-view.ts';

/**
 * Returns a function to feed every live state; it answers true when a desk that was not offline
 * before now is. The first state only sets the baseline: desks offline already are not news.
 * @example const wentOffline = createOfflineWatch(); live.subscribe((s) => wentOffline(s) && reload());
 */
export function createOfflineWatch(): (live: LiveSite) => boolean {
  let before: Map<string, string> | undefined;
  return (live) => {
    const previous = before;
    before = new Map(live.desks.map((desk) => [desk.id, desk.state]));
    if (previous === undefined) return false;
    return live.desks.some((desk) => desk.state === 'offline' && previous.get(desk.id) !== 'offline');
  };
}
